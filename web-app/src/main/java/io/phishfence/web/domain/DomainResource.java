package io.phishfence.web.domain;

import io.phishfence.events.DomainChecked;
import io.phishfence.web.WebConfig;
import io.phishfence.web.account.AccountService;
import io.phishfence.web.check.CheckChange;
import io.phishfence.web.check.DomainCheck;
import io.phishfence.web.insight.InsightsPanel;
import io.phishfence.web.insight.ReportInsights;
import io.phishfence.web.report.StoredReport;
import io.phishfence.web.tenant.Tenant;
import io.phishfence.web.tenant.TenantContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.util.List;

/** The tenant's domains: the list with the reporting addresses, adding one, and each domain's reports. */
@Path("/domains")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DomainResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Domain> domains, RuaAddresses rua, String error, String input,
                boolean pending);

        static native TemplateInstance show(Domain domain, RuaAddresses rua, List<StoredReport> reports,
                DomainChecked check, List<CheckChange> history, CheckProgress progress, InsightsPanel insights);

        static native TemplateInstance show$status(Domain domain, DomainChecked check, CheckProgress progress);
    }

    private final DomainService domains;
    private final TenantContext tenant;
    private final WebConfig config;
    private final ReportInsights insights;
    private final AccountService accounts;
    private final SecurityIdentity identity;
    private final Clock clock = Clock.systemUTC();

    DomainResource(DomainService domains, TenantContext tenant, WebConfig config, ReportInsights insights,
            AccountService accounts, SecurityIdentity identity) {
        this.domains = domains;
        this.tenant = tenant;
        this.config = config;
        this.insights = insights;
        this.accounts = accounts;
        this.identity = identity;
    }

    @GET
    @Transactional
    public TemplateInstance list(@QueryParam("add") String add) {
        if (add != null) {
            return Templates.list(Domain.listByName(), rua(), null, add, false);
        }
        // The domain the person checked before signing up ("Monitor this domain"), until it or another is added.
        var pending = accounts.pendingDomain(identity.getPrincipal().getName())
                .filter(name -> Domain.findByName(name).isEmpty());
        return Templates.list(Domain.listByName(), rua(), null, pending.orElse(""), pending.isPresent());
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@FormParam("name") String name) {
        var aLabel = DomainNames.toALabel(name);
        if (aLabel.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.list(Domain.listByName(), rua(), "That is not a domain name.", name, false)).build();
        }
        Domain domain = domains.add(aLabel.get());
        accounts.forgetPendingDomain(identity.getPrincipal().getName());
        return Response.seeOther(UriBuilder.fromPath("/domains/{name}").build(domain.name)).build();
    }

    @GET
    @Path("{name}")
    @Transactional
    public Response show(@PathParam("name") String name, @QueryParam("checking") String checking,
            @QueryParam("days") Integer days, @HeaderParam("HX-Request") boolean htmx) {
        Domain domain = owned(name);
        DomainChecked check = DomainCheck.latestFor(domain.name).map(DomainCheck::result).orElse(null);
        var progress = CheckProgress.of(checking, check, clock.instant());
        // While a "Check now" is under way the status section polls the page; it gets only that section.
        TemplateInstance page = htmx && checking != null ? Templates.show$status(domain, check, progress)
                : Templates.show(domain, rua(), StoredReport.latestFor(domain.name, 200), check,
                        CheckChange.historyOf(domain.name, 50), progress, insights.panel(domain, days));
        return Response.ok(page).header("Vary", "HX-Request").build();
    }

    /** "Check now": asks monitor-service for a check (through the outbox); the page shows it when it arrives. */
    @POST
    @Path("{name}/check")
    public Response checkNow(@PathParam("name") String name) {
        Domain domain = owned(name);
        domains.requestCheck(domain.name);
        return Response.seeOther(UriBuilder.fromPath("/domains/{name}")
                .queryParam("checking", clock.instant().toEpochMilli()).build(domain.name)).build();
    }

    /** The current tenant's domain of that name, or 404: another tenant's domain does not exist here. */
    private Domain owned(String name) {
        return domains.findOwned(name).orElseThrow(NotFoundException::new);
    }

    private RuaAddresses rua() {
        Tenant current = Tenant.findById(tenant.get());
        return RuaAddresses.of(current.ruaToken, config);
    }
}
