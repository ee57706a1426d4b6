package io.phishfence.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.events.tlsrpt.DateRange;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The report pages of the UI: the panel with its charts, the report detail, the original, the exports, the overview. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class ReportPagesTest {

    private static final String XSS = "<script>alert('pf')</script><img src=x onerror=alert(1)>";
    private static final String XSS_ESCAPED = "&lt;script&gt;alert(&#39;pf&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    AgroalDataSource dataSource;

    record Tenant(WebSession session, String id, String domain) {
    }

    private Tenant tenantWithDomain(String prefix) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var session = WebSession.signedUp(prefix + "-" + tag + "@example.org", WebAppTest.PASSWORD);
        String domain = prefix + "-" + tag + ".example";
        session.submit("/domains", "/domains", Map.of("name", domain));
        return new Tenant(session, TestData.tenantOf(session, dataSource), domain);
    }

    @Test
    void senderTextIsShownAsTextEverywhere() {
        var t = tenantWithDomain("xss");
        String reportId = "xss-" + UUID.randomUUID();
        TestData.publishReports(TestData.report(t.id(), t.domain(), XSS + " Mail", reportId, TODAY.minusDays(1), 10,
                TestData.failure("certificate-expired", XSS + ".mx", "203.0.113.9", 4, "reason " + XSS)));
        String id = TestData.awaitStored(dataSource, reportId);

        for (String path : List.of("/domains/" + t.domain(), "/domains/" + t.domain() + "/reports/insights",
                "/domains/" + t.domain() + "/reports/" + id)) {
            String page = t.session().get(path).then().statusCode(200).extract().asString();
            assertTrue(page.contains(XSS_ESCAPED), path + " shows the sender's text escaped");
            assertFalse(page.contains("<script>alert('pf')"), path + " never as markup");
            assertFalse(page.contains("<img src=x"), path + " never as markup");
        }
        String detail = t.session().get("/domains/" + t.domain() + "/reports/" + id).asString();
        assertTrue(detail.contains("reason " + XSS_ESCAPED), "the failure reason, escaped");
        assertTrue(detail.contains("certificate-expired") && detail.contains("203.0.113.9"));
    }

    @Test
    void thePanelSumsTheRollUpsAndSwitchesPeriodsWithOrWithoutHtmx() {
        var t = tenantWithDomain("panel");
        String tag = UUID.randomUUID().toString();
        TestData.publishReports(
                TestData.report(t.id(), t.domain(), "Recent Sender", "r1-" + tag, TODAY.minusDays(1), 900,
                        TestData.failure("validation-failure", "mx1." + t.domain(), "203.0.113.1", 25, null)),
                TestData.report(t.id(), t.domain(), "Quarterly Sender", "q1-" + tag, TODAY.minusDays(60), 400));
        TestData.awaitStored(dataSource, "r1-" + tag);
        TestData.awaitStored(dataSource, "q1-" + tag);

        String page = t.session().get("/domains/" + t.domain()).asString();
        assertTrue(page.contains("Reports, last 30 days"));
        assertTrue(page.contains("<strong>900</strong> successful sessions"), "30 days: only the recent report");
        assertTrue(page.contains("<strong>25</strong> failed"));
        assertTrue(page.contains("validation-failure") && page.contains("mx1." + t.domain()));
        assertTrue(page.contains("data-chart=\""), "charts carry their data");
        assertTrue(page.contains("/webjars/chart.js/dist/chart.umd.js"));
        assertTrue(page.contains("Quarterly Sender: last report for " + TODAY.minusDays(60)), "a silent reporter");

        String quarter = t.session().get("/domains/" + t.domain() + "?days=90").asString();
        assertTrue(quarter.contains("Reports, last 90 days") && quarter.contains("<strong>1300</strong> successful"));

        String fragment = given().cookies(cookiesOf(t.session())).header("HX-Request", "true")
                .get("/domains/" + t.domain() + "/reports/insights?days=365").then().statusCode(200).extract().asString();
        assertTrue(fragment.startsWith("<section id=\"insights\""), "htmx gets the panel alone");
        assertTrue(fragment.contains("Reports, last 365 days"));
        String full = t.session().get("/domains/" + t.domain() + "/reports/insights?days=365").asString();
        assertTrue(full.startsWith("<!DOCTYPE html>") && full.contains("Reports, last 365 days"), "a plain load gets a page");
    }

    @Test
    void chartJsAndHtmxAreServedByTheAppItself() {
        given().get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200).body(containsString("Chart"));
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200).body(containsString("htmx"));
        given().get("/js/charts.js").then().statusCode(200).body(containsString("data-chart"));
    }

    @Test
    void theOriginalIsADownloadNeverAPage() {
        var t = tenantWithDomain("raw");
        String reportId = "raw-" + UUID.randomUUID();
        Instant start = TODAY.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        var event = TlsReportReceived.of(t.id(), t.domain(), TlsReportReceived.CHANNEL_SMTP, Instant.now(),
                new TlsReport("Sender", new DateRange(start, start.plusSeconds(86_399)), null, reportId, List.of()),
                "text/html", "<html><script>alert(1)</script></html>".getBytes());
        TestData.publishReports(event);
        String id = TestData.awaitStored(dataSource, reportId);
        var response = t.session().get("/domains/" + t.domain() + "/reports/" + id + "/raw");
        assertEquals(200, response.statusCode());
        assertEquals("application/octet-stream", response.contentType());
        assertTrue(response.header("Content-Disposition").startsWith("attachment;"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("<html><script>alert(1)</script></html>", response.asString(), "the bytes as received");
    }

    @Test
    void exportsNeutralizeWhatASpreadsheetWouldRun() {
        var t = tenantWithDomain("export");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TestData.publishReports(
                TestData.report(t.id(), t.domain(), "=HYPERLINK(\"http://evil.example\",\"x\")", "=1+1-" + tag,
                        TODAY.minusDays(3), 5),
                TestData.report(t.id(), t.domain(), "@SUM(A1)", "+cmd-" + tag, TODAY.minusDays(2), 6),
                TestData.report(t.id(), t.domain(), "\tTabbed, Inc.", "-2-" + tag, TODAY.minusDays(1), 7));
        TestData.awaitStored(dataSource, "-2-" + tag);
        TestData.awaitStored(dataSource, "=1+1-" + tag);
        TestData.awaitStored(dataSource, "+cmd-" + tag);

        var response = t.session().get("/domains/" + t.domain() + "/reports/export.csv?from=" + TODAY.minusDays(7));
        assertEquals(200, response.statusCode());
        assertTrue(response.contentType().startsWith("text/csv"));
        assertTrue(response.header("Content-Disposition").contains("attachment"));
        String csv = response.asString();
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("id,policyDomain,organizationName,reportId,"));
        assertTrue(lines.get(1).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'=1+1-" + tag + ","), csv);
        assertTrue(lines.get(2).contains(",'@SUM(A1),'+cmd-" + tag + ","), csv);
        assertTrue(lines.get(3).contains(",\"'\tTabbed, Inc.\",'-2-" + tag + ","), csv);
        for (String line : lines.subList(1, lines.size())) {
            for (String cell : line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String value = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertFalse(!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0, "neutralized: " + cell);
            }
        }

        t.session().get("/domains/" + t.domain() + "/reports/export.json?from=" + TODAY.minusDays(7)).then()
                .statusCode(200).contentType("application/json")
                .body("organizationName", org.hamcrest.Matchers.hasItem("@SUM(A1)"));
    }

    @Test
    void theOverviewPutsWhatNeedsAttentionFirst() {
        var t = tenantWithDomain("overview");
        String failing = "failing-" + t.domain();
        String healthy = "healthy-" + t.domain();
        t.session().submit("/domains", "/domains", Map.of("name", failing));
        t.session().submit("/domains", "/domains", Map.of("name", healthy));
        String tag = UUID.randomUUID().toString();
        TestData.publishReports(
                TestData.report(t.id(), failing, "Sender A", "f-" + tag, TODAY.minusDays(1), 100,
                        TestData.failure("certificate-expired", "mx." + failing, "", 20, null)),
                TestData.report(t.id(), healthy, "Sender A", "h-" + tag, TODAY.minusDays(1), 100));
        TestData.publish(Topics.DOMAIN_CHECKS, DomainChecked.of(t.id(), healthy, Instant.now(), 5, "schedule",
                List.of(new DomainChecked.Component("tls-rpt", "ok", List.of())), List.of()));
        TestData.awaitStored(dataSource, "f-" + tag);
        TestData.awaitStored(dataSource, "h-" + tag);

        String page = await().atMost(Duration.ofSeconds(30)).until(() -> t.session().get("/overview").asString(),
                p -> p.contains("badge ok"));
        int failingAt = page.indexOf(">" + failing + "<");
        int neverCheckedAt = page.indexOf(">" + t.domain() + "<");
        int healthyAt = page.indexOf(">" + healthy + "<");
        assertTrue(failingAt > 0 && failingAt < neverCheckedAt && neverCheckedAt < healthyAt,
                "failing (16.7% failed), then unknown, then ok: " + failingAt + " " + neverCheckedAt + " " + healthyAt);
        assertTrue(page.contains("16.7% of sessions failed in the last 7 days"));
    }

    private static Map<String, String> cookiesOf(WebSession session) {
        return session.cookies();
    }
}
