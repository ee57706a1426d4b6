package io.phishfence.web.insight;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** The tenant overview: every domain, those that need attention first, with the reasons. */
@Path("/overview")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class OverviewResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(List<DomainAttention> domains, int days);
    }

    private final ReportInsights insights;
    private final Clock clock = Clock.systemUTC();

    OverviewResource(ReportInsights insights) {
        this.insights = insights;
    }

    @GET
    public TemplateInstance overview() {
        return Templates.overview(insights.overview(LocalDate.now(clock)), ReportInsights.OVERVIEW_DAYS);
    }
}
