package io.phishfence.web.report;

import io.phishfence.events.EventJson;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.web.domain.Domain;
import io.phishfence.web.domain.DomainService;
import io.phishfence.web.insight.InsightsPanel;
import io.phishfence.web.insight.ReportInsights;
import io.phishfence.web.insight.ReportPeriod;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * A domain's reports in the UI: the report panel (charts, breakdowns, silent senders) for a period, each
 * report in detail with its original, and the export of a period's reports as CSV or JSON.
 */
@Path("/domains/{name}/reports")
@Authenticated
public class DomainReportsResource {

    @CheckedTemplate
    public static class Templates {
        /** The panel alone: what htmx swaps in, and what the domain page includes. */
        public static native TemplateInstance panel(InsightsPanel panel);

        /** The panel as a page of its own, for a plain page load. */
        static native TemplateInstance insights(InsightsPanel panel);

        static native TemplateInstance report(Domain domain, StoredReport report, TlsReport parsed);
    }

    private final DomainService domains;
    private final ReportInsights insights;
    private final Clock clock = Clock.systemUTC();

    DomainReportsResource(DomainService domains, ReportInsights insights) {
        this.domains = domains;
        this.insights = insights;
    }

    @GET
    @Path("insights")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance insights(@PathParam("name") String name, @QueryParam("days") Integer days,
            @HeaderParam("HX-Request") boolean htmx) {
        InsightsPanel panel = insights.panel(owned(name), days);
        return htmx ? Templates.panel(panel) : Templates.insights(panel);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance report(@PathParam("name") String name, @PathParam("id") String id) {
        Domain domain = owned(name);
        StoredReport report = ownedReport(domain, id);
        ReportContent content = ReportContent.of(report.id).orElseThrow(NotFoundException::new);
        return Templates.report(domain, report, parse(content.reportJson));
    }

    @GET
    @Path("{id}/raw")
    @Transactional
    public Response original(@PathParam("name") String name, @PathParam("id") String id) {
        StoredReport report = ownedReport(owned(name), id);
        return OriginalReport.download(ReportContent.of(report.id).orElseThrow(NotFoundException::new));
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @Transactional
    public Response csv(@PathParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to) {
        Domain domain = owned(name);
        return export(ReportCsv.of(listings(domain, from, to)), "text/csv; charset=utf-8", domain, "csv");
    }

    @GET
    @Path("export.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response json(@PathParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to) {
        Domain domain = owned(name);
        return export(listings(domain, from, to), MediaType.APPLICATION_JSON, domain, "json");
    }

    private List<ReportListing> listings(Domain domain, String from, String to) {
        ReportPeriod period;
        try {
            period = ReportPeriod.parse(from, to, LocalDate.now(clock));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return StoredReport.startingBetween(domain.name, period.startInstant(), period.endInstant()).stream()
                .map(ReportListing::of).toList();
    }

    private static Response export(Object body, String type, Domain domain, String extension) {
        return Response.ok(body, type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"tls-reports-" + domain.name + "." + extension + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private Domain owned(String name) {
        return domains.findOwned(name).orElseThrow(NotFoundException::new);
    }

    /** A report of this domain and tenant, or 404. */
    private static StoredReport ownedReport(Domain domain, String id) {
        return ReportIds.parse(id).flatMap(StoredReport::findOwned)
                .filter(r -> domain.name.equals(r.policyDomain))
                .orElseThrow(NotFoundException::new);
    }

    private static TlsReport parse(String json) {
        try {
            return EventJson.mapper().readValue(json, TlsReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
