package io.phishfence.web.api;

import io.phishfence.events.DomainChecked;
import io.phishfence.web.account.Roles;
import io.phishfence.web.api.ApiViews.AlertSensitivityView;
import io.phishfence.web.api.ApiViews.CheckAccepted;
import io.phishfence.web.api.ApiViews.DomainView;
import io.phishfence.web.api.ApiViews.NewDomain;
import io.phishfence.web.api.ApiViews.SpikeThresholdsBody;
import io.phishfence.web.api.ApiViews.StatusView;
import io.phishfence.web.api.token.ApiTokenAuthentication;
import io.phishfence.web.check.DomainCheck;
import io.phishfence.web.domain.Domain;
import io.phishfence.web.domain.DomainNames;
import io.phishfence.web.domain.DomainService;
import io.phishfence.web.domain.SpikeThresholdsInput;
import io.phishfence.web.insight.ReportInsights;
import io.phishfence.web.insight.ReportPeriod;
import io.phishfence.web.insight.ReportSummary;
import io.phishfence.web.report.ReportListing;
import io.phishfence.web.report.StoredReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The tenant's domains: list, add, remove, stack status, check now, alert sensitivity, reports and their summary.
 */
@Path("/api/v1/domains")
@RolesAllowed(ApiTokenAuthentication.ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Domains")
@SecurityRequirement(name = TenantApi.SECURITY_SCHEME)
public class DomainsApi {

    private static final String NAME = "The domain's name, as an A-label or a U-label";
    private static final String FROM = "First UTC day (YYYY-MM-DD); default 29 days before to";
    private static final String TO = "Last UTC day (YYYY-MM-DD), included; default today";

    private final DomainService domains;
    private final ReportInsights insights;
    private final Clock clock = Clock.systemUTC();

    DomainsApi(DomainService domains, ReportInsights insights) {
        this.domains = domains;
        this.insights = insights;
    }

    @GET
    @Transactional
    @Operation(summary = "The tenant's domains, by name", description = Paging.DESCRIPTION)
    public RestResponse<List<DomainView>> list(@Parameter(description = Paging.LIMIT) @QueryParam("limit") Integer limit,
            @Parameter(description = Paging.OFFSET) @QueryParam("offset") Integer offset, @Context UriInfo request) {
        Paging paging = Paging.of(limit, offset);
        return paging.respond(Domain.listByName(paging.offset(), paging.fetch()).stream()
                .map(d -> DomainView.of(d, DomainCheck.latestFor(d.name).map(DomainCheck::result).orElse(null)))
                .toList(), request);
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adds a domain (IDN accepted); adding one the tenant has already answers it again")
    public Response add(NewDomain body) {
        String aLabel = DomainNames.toALabel(body == null ? null : body.name())
                .orElseThrow(() -> Problem.badRequest("name must be a domain name, such as example.com."));
        Domain domain = domains.add(aLabel);
        return Response.created(UriBuilder.fromResource(DomainsApi.class).path("{name}").build(domain.name))
                .entity(DomainView.of(domain, latestCheck(domain))).build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Removes a domain: no more checks, and its reports are refused from now on",
            description = "Owner-only: the token's creator must be an owner of the tenant (403 otherwise). The "
                    + "domain's stored reports are kept but hidden, and show again if the domain is added back.")
    public Response remove(@Parameter(description = NAME) @PathParam("name") String name) {
        Domain domain = owned(name);
        domains.remove(domain.name);
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/status")
    @Transactional
    @Operation(summary = "The latest check of the domain's e-mail security stack, with findings and fixes")
    public StatusView status(@Parameter(description = NAME) @PathParam("name") String name) {
        Domain domain = owned(name);
        DomainChecked check = latestCheck(domain);
        return check == null ? new StatusView(domain.name, null, null, List.of())
                : new StatusView(domain.name, check.checkedAt(), check.trigger(), check.components());
    }

    @POST
    @Path("{name}/checks")
    @Operation(summary = "Check now: asks for a check; its result shows on the status within seconds")
    public Response checkNow(@Parameter(description = NAME) @PathParam("name") String name) {
        Domain domain = owned(name);
        domains.requestCheck(domain.name);
        String status = UriBuilder.fromResource(DomainsApi.class).path("{name}/status").build(domain.name).toString();
        return Response.accepted(new CheckAccepted(domain.name, status)).build();
    }

    @GET
    @Path("{name}/alert-sensitivity")
    @Transactional
    @Operation(summary = "The failure-spike rule the domain's alerts follow, its numbers and in plain words")
    public AlertSensitivityView alertSensitivity(@Parameter(description = NAME) @PathParam("name") String name) {
        return AlertSensitivityView.of(owned(name));
    }

    @PUT
    @Path("{name}/alert-sensitivity")
    @Transactional
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sets the domain's own failure-spike thresholds",
            description = "Owner-only (403 otherwise). All four numbers are required: minFailed 1 to 1,000,000, "
                    + "factor 1 to 100 and minPoints 0 to 100 (at most two decimals), baselineDays 3 to 30; "
                    + "anything else is answered 400 with every problem in the detail. Applies to reports "
                    + "monitor-service judges from then on.")
    public AlertSensitivityView setAlertSensitivity(@Parameter(description = NAME) @PathParam("name") String name,
            SpikeThresholdsBody body) {
        Domain domain = owned(name);
        var input = body == null ? SpikeThresholdsInput.check(null, null, null, null)
                : SpikeThresholdsInput.check(body.minFailed(), body.factor(), body.minPoints(), body.baselineDays());
        if (!input.valid()) {
            throw Problem.badRequest(String.join(" ", input.problems()));
        }
        domains.setSpikeThresholds(domain, input.thresholds());
        return AlertSensitivityView.of(domain);
    }

    @DELETE
    @Path("{name}/alert-sensitivity")
    @Transactional
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Makes the domain's failure-spike alert follow the defaults again",
            description = "Owner-only (403 otherwise). Answers the rule now in force.")
    public AlertSensitivityView useDefaultSensitivity(@Parameter(description = NAME) @PathParam("name") String name) {
        Domain domain = owned(name);
        domains.setSpikeThresholds(domain, null);
        return AlertSensitivityView.of(domain);
    }

    @GET
    @Path("{name}/reports")
    @Transactional
    @Operation(summary = "The stored reports whose date range starts in the period, oldest first",
            description = Paging.DESCRIPTION)
    public RestResponse<List<ReportListing>> reports(@Parameter(description = NAME) @PathParam("name") String name,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to,
            @Parameter(description = Paging.LIMIT) @QueryParam("limit") Integer limit,
            @Parameter(description = Paging.OFFSET) @QueryParam("offset") Integer offset, @Context UriInfo request) {
        Domain domain = owned(name);
        ReportPeriod period = period(from, to);
        Paging paging = Paging.of(limit, offset);
        return paging.respond(StoredReport.startingBetween(domain.name, period.startInstant(), period.endInstant(),
                paging.offset(), paging.fetch()).stream().map(ReportListing::of).toList(), request);
    }

    @GET
    @Path("{name}/summary")
    @Transactional
    @Operation(summary = "Totals of the period: reports, sessions, failures by result type, sender, MX, and per day")
    public ReportSummary summary(@Parameter(description = NAME) @PathParam("name") String name,
            @Parameter(description = FROM) @QueryParam("from") String from,
            @Parameter(description = TO) @QueryParam("to") String to) {
        Domain domain = owned(name);
        ReportPeriod period = period(from, to);
        return insights.summary(domain.name, period.from(), period.to());
    }

    private Domain owned(String name) {
        return domains.findOwned(name).orElseThrow(() -> Problem.notFound("You have no domain " + name + "."));
    }

    private static DomainChecked latestCheck(Domain domain) {
        return DomainCheck.latestFor(domain.name).map(DomainCheck::result).orElse(null);
    }

    private ReportPeriod period(String from, String to) {
        try {
            return ReportPeriod.parse(from, to, LocalDate.now(clock));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }
}
