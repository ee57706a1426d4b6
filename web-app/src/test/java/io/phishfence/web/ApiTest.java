package io.phishfence.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.phishfence.events.AlertRaised;
import io.phishfence.events.CheckRequested;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.Topics;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSON API (/api/v1) with real API tokens, against a real PostgreSQL and a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(io.phishfence.testing.KafkaResource.class)
class ApiTest {

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification api(String token) {
        return given().header("Authorization", "Bearer " + token).redirects().follow(false);
    }

    private static WebSession newTenant() {
        return WebSession.signedUp("api-" + UUID.randomUUID() + "@example.org", WebAppTest.PASSWORD);
    }

    @Test
    void aTokenIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        var session = newTenant();
        String token = session.createApiToken("CI <b>pipeline</b>");
        assertTrue(token.startsWith("pf_") && token.length() >= 40, token);

        String page = session.get("/settings/tokens").asString();
        assertFalse(page.contains(token), "the list never shows the secret again");
        assertTrue(page.contains("CI &lt;b&gt;pipeline&lt;/b&gt;"), "the name is escaped");
        assertTrue(page.contains(token.substring(0, 9)), "the prefix tells tokens apart");
        try (var c = dataSource.getConnection(); var st = c.prepareStatement(
                "select count(*) from web.api_token where token_hash = ? or token_hash = ? or name like ?")) {
            st.setString(1, token);
            st.setString(2, "dummy");
            st.setString(3, "%" + token + "%");
            try (var rs = st.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the secret itself is stored nowhere");
            }
        }
        api(token).get("/api/v1/tenant").then().statusCode(200);
    }

    @Test
    void aRevokedTokenNoLongerWorks() {
        var session = newTenant();
        String token = session.createApiToken("short-lived");
        api(token).get("/api/v1/domains").then().statusCode(200);
        String page = session.get("/settings/tokens").asString();
        String id = page.replaceAll("(?s).*action=\"/settings/tokens/([0-9a-f-]+)/revoke\".*", "$1");
        assertEquals(303, session.submit("/settings/tokens", "/settings/tokens/" + id + "/revoke", Map.of()).statusCode());
        api(token).get("/api/v1/domains").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void theApiTakesTokensOnlyAndTheUiTakesNoTokens() {
        var session = newTenant();
        String token = session.createApiToken("t");
        given().redirects().follow(false).get("/api/v1/tenant").then().statusCode(401);
        api("pf_not-a-real-token").get("/api/v1/tenant").then().statusCode(401);
        assertEquals(401, session.get("/api/v1/tenant").statusCode(), "a session cookie does not open the API");
        api(token).get("/domains").then().statusCode(anyOf(is(401), is(302)));
    }

    @Test
    void tenantNamesItsReportingAddresses() {
        var session = newTenant();
        String token = session.createApiToken("t");
        String https = TestData.ruaHttps(session);
        String rua = https.substring(https.lastIndexOf('/') + 1);
        api(token).get("/api/v1/tenant").then().statusCode(200).contentType("application/json")
                .body("name", startsWith("Org of api-"))
                .body("rua.https", equalTo(https))
                .body("rua.mailto", equalTo("mailto:" + rua + "@reports.phishfence.localhost"));
    }

    @Test
    void domainsAreAddedAsALabelsListedCheckedAndRemoved() {
        var session = newTenant();
        String token = session.createApiToken("t");
        String tenantId = TestData.tenantOf(session, dataSource);
        String unicode = "bücher-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String aLabel = java.net.IDN.toASCII(unicode);

        api(token).contentType("application/json").body(Map.of("name", unicode)).post("/api/v1/domains").then()
                .statusCode(201).header("Location", containsString("/api/v1/domains/" + aLabel))
                .body("name", equalTo(aLabel)).body("displayName", equalTo(unicode)).body("verified", equalTo(false));
        api(token).contentType("application/json").body(Map.of("name", "not a domain")).post("/api/v1/domains").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("detail", containsString("domain name"));
        api(token).get("/api/v1/domains").then().statusCode(200).body("name", hasItem(aLabel));

        api(token).get("/api/v1/domains/" + unicode + "/status").then().statusCode(200)
                .body("domain", equalTo(aLabel)).body("checkedAt", nullValue()).body("components", empty());
        TestData.publish(Topics.DOMAIN_CHECKS, DomainChecked.of(tenantId, aLabel, Instant.now(), 10, "request",
                List.of(new DomainChecked.Component("tls-rpt", "ok", List.of()),
                        new DomainChecked.Component("mta-sts", "error", List.of(new DomainChecked.Finding(
                                "MTA_STS_RECORD_MISSING", "error", "No MTA-STS record.", "v=STSv1; id=1")))),
                List.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api(token)
                .get("/api/v1/domains/" + aLabel + "/status").then().statusCode(200)
                .body("components.name", equalTo(List.of("tls-rpt", "mta-sts")))
                .body("components[1].status", equalTo("error"))
                .body("components[1].findings[0].code", equalTo("MTA_STS_RECORD_MISSING"))
                .body("components[1].findings[0].fix", equalTo("v=STSv1; id=1")));
        api(token).get("/api/v1/domains").then().body("find { it.name == '" + aLabel + "' }.verified", equalTo(true));

        api(token).contentType("application/json").post("/api/v1/domains/" + aLabel + "/checks").then().statusCode(202)
                .body("status", equalTo("/api/v1/domains/" + aLabel + "/status"));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestData.published(Topics.CHECK_REQUESTS).stream()
                .anyMatch(e -> e instanceof CheckRequested r && r.tenantId().equals(tenantId) && r.domain().equals(aLabel)));

        api(token).delete("/api/v1/domains/" + aLabel).then().statusCode(204);
        api(token).get("/api/v1/domains").then().body("name", not(hasItem(aLabel)));
        api(token).get("/api/v1/domains/" + aLabel + "/status").then().statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Not Found"));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestData.tombstoned(Topics.domainKey(tenantId, aLabel)));
    }

    /**
     * A write without a body needs no Content-Type: {@code curl -X DELETE -H "Authorization: Bearer ..."} is how
     * people call an API. Sent with the JDK's client, which adds no Content-Type of its own.
     */
    @Test
    void writesWithoutABodyNeedNoContentType() throws Exception {
        var session = newTenant();
        String token = session.createApiToken("t");
        String domain = "no-type-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        api(token).contentType("application/json").body(Map.of("name", domain)).post("/api/v1/domains").then()
                .statusCode(201);
        var http = HttpClient.newHttpClient();
        String base = "http://localhost:" + RestAssured.port + "/api/v1/domains/" + domain;

        var check = http.send(HttpRequest.newBuilder(URI.create(base + "/checks"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, check.statusCode(), check.body());
        assertTrue(check.request().headers().firstValue("Content-Type").isEmpty());
        var removal = http.send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer " + token).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, removal.statusCode(), removal.body());
        api(token).get("/api/v1/domains").then().body("name", not(hasItem(domain)));

        // A body must be JSON: one sent as a form (curl -d's default type) is refused as such.
        var form = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/domains")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + domain)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, form.statusCode(), form.body());
        assertTrue(form.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void reportsSummaryAndOriginalsComeFromTheStoredReports() throws Exception {
        var session = newTenant();
        String token = session.createApiToken("t");
        String tenantId = TestData.tenantOf(session, dataSource);
        String domain = "reports-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        session.submit("/domains", "/domains", Map.of("name", domain));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String tag = UUID.randomUUID().toString();
        var first = TestData.report(tenantId, domain, "Google LLC", "g-" + tag, today.minusDays(2), 1000,
                TestData.failure("certificate-expired", "mx1." + domain, "203.0.113.5", 7, null),
                TestData.failure("starttls-not-supported", "mx2." + domain, "", 3, null));
        var second = TestData.report(tenantId, domain, "Microsoft Corporation", "m-" + tag, today.minusDays(1), 500,
                TestData.failure("certificate-expired", "mx1." + domain, "203.0.113.5", 5, null));
        var old = TestData.report(tenantId, domain, "Old Sender", "o-" + tag, today.minusDays(40), 10);
        TestData.publishReports(first, second, second, old);
        String firstId = TestData.awaitStored(dataSource, "g-" + tag);
        TestData.awaitStored(dataSource, "m-" + tag);
        TestData.awaitStored(dataSource, "o-" + tag);

        String from = today.minusDays(6).toString();
        api(token).get("/api/v1/domains/" + domain + "/reports?from=" + from + "&to=" + today).then().statusCode(200)
                .body("", hasSize(2))
                .body("organizationName", equalTo(List.of("Google LLC", "Microsoft Corporation")))
                .body("[0].id", equalTo(firstId)).body("[0].reportId", equalTo("g-" + tag))
                .body("[0].channel", equalTo("https")).body("[0].successfulSessions", equalTo(1000))
                .body("[0].failedSessions", equalTo(10))
                .body("[0].start", equalTo(today.minusDays(2) + "T00:00:00Z"));
        api(token).get("/api/v1/domains/" + domain + "/reports?from=" + today.minusDays(60) + "&to=" + today)
                .then().body("", hasSize(3));

        api(token).get("/api/v1/domains/" + domain + "/summary?from=" + from + "&to=" + today).then().statusCode(200)
                .body("reports", equalTo(2)).body("successfulSessions", equalTo(1500)).body("failedSessions", equalTo(15))
                .body("byResultType.certificate-expired", equalTo(12))
                .body("byResultType.starttls-not-supported", equalTo(3))
                .body("byOrganization[0].organizationName", equalTo("Google LLC"))
                .body("byOrganization[0].failedSessions", equalTo(10))
                .body("byReceivingMx[0].receivingMxHostname", equalTo("mx1." + domain))
                .body("byReceivingMx[0].failedSessions", equalTo(12))
                .body("daily", hasSize(7))
                .body("daily[4].date", equalTo(today.minusDays(2).toString()))
                .body("daily[4].failedSessions", equalTo(10))
                .body("daily[0].successfulSessions", equalTo(0));

        byte[] raw = api(token).get("/api/v1/reports/" + firstId + "/raw").then().statusCode(200)
                .contentType("application/tlsrpt+json").header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertArrayEquals(first.raw(), raw, "the original bytes, as received");
        api(token).get("/api/v1/reports/" + UUID.randomUUID() + "/raw").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badPeriodsAreProblems() {
        var session = newTenant();
        String token = session.createApiToken("t");
        api(token).contentType("application/json").body(Map.of("name", "period.example")).post("/api/v1/domains");
        api(token).get("/api/v1/domains/period.example/summary?from=2026-13-01").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("YYYY-MM-DD"));
        api(token).get("/api/v1/domains/period.example/reports?from=2026-05-02&to=2026-05-01").then().statusCode(400);
        api(token).get("/api/v1/domains/period.example/reports?from=2020-01-01&to=2026-01-01").then().statusCode(400)
                .body("detail", containsString("366"));
    }

    @Test
    void alertsListTheTenantsOwnAlertsNewestFirst() throws Exception {
        var session = newTenant();
        String token = session.createApiToken("t");
        api(token).get("/api/v1/alerts").then().statusCode(200).body("", empty());
        api(token).contentType("application/json").body(Map.of("name", "alerting.example")).post("/api/v1/domains")
                .then().statusCode(201);
        String tenantId = TestData.tenantOf(session, dataSource);
        var other = newTenant().createApiToken("t");

        var alert = AlertRaised.of(tenantId, "alerting.example", AlertRaised.RULE_FAILURE_SPIKE, "", "2026-11-20",
                AlertRaised.WARNING, Instant.parse("2026-11-20T23:00:00Z"), "TLS failures spiked", "200 of 1,000 failed.",
                List.of(new AlertRaised.Evidence("Failed sessions", "200 of 1,000 (20.0%)")), "Check your MX hosts.");
        AlertDeliveryTest.publish(alert);

        await().atMost(Duration.ofSeconds(60)).until(() -> api(token).get("/api/v1/alerts").then().extract()
                .jsonPath().getList("alertId").contains(alert.alertId()));
        api(token).get("/api/v1/alerts?domain=alerting.example&limit=10").then().statusCode(200)
                .body("[0].rule", equalTo("failure-spike")).body("[0].kind", equalTo("raised"))
                .body("[0].evidence[0].value", equalTo("200 of 1,000 (20.0%)"));
        api(token).get("/api/v1/alerts?domain=other.example").then().statusCode(200).body("", empty());
        api(token).get("/api/v1/alerts?limit=0").then().statusCode(400).contentType("application/problem+json");
        api(other).get("/api/v1/alerts").then().statusCode(200).body("", empty());
    }

    @Test
    void unknownApiRoutesAnswerProblems() {
        String token = newTenant().createApiToken("t");
        api(token).get("/api/v1/domains/nosuch.example/summary").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("nosuch.example"));
        api(token).put("/api/v1/alerts").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentDescribesTheApiOnly() {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : List.of("/api/v1/tenant", "/api/v1/domains", "/api/v1/domains/{name}",
                "/api/v1/domains/{name}/status", "/api/v1/domains/{name}/checks", "/api/v1/domains/{name}/reports",
                "/api/v1/domains/{name}/summary", "/api/v1/domains/{name}/alert-sensitivity", "/api/v1/reports/{id}/raw",
                "/api/v1/alerts")) {
            assertTrue(document.contains("\"" + path + "\""), path + " is documented");
        }
        assertFalse(document.contains("\"/domains\""), "UI pages are not part of the API");
        assertTrue(document.contains("\"bearer\""), "the bearer scheme is documented");
    }

    @Test
    void listsComeInPagesWithALinkToTheNext() {
        var session = newTenant();
        String token = session.createApiToken("t");
        String tenantId = TestData.tenantOf(session, dataSource);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("a-" + tag + ".example", "b-" + tag + ".example", "c-" + tag + ".example")) {
            api(token).contentType("application/json").body(Map.of("name", name)).post("/api/v1/domains").then().statusCode(201);
        }
        var first = api(token).get("/api/v1/domains?limit=2");
        first.then().statusCode(200).body("name", equalTo(List.of("a-" + tag + ".example", "b-" + tag + ".example")));
        String next = first.header("Link");
        assertTrue(next.startsWith("</api/v1/domains?") && next.endsWith(">; rel=\"next\"") && next.contains("offset=2")
                && next.contains("limit=2"), next);
        var last = api(token).get(next.substring(1, next.indexOf('>')));
        last.then().statusCode(200).body("name", equalTo(List.of("c-" + tag + ".example")));
        assertEquals(null, last.header("Link"), "no page after the last");

        String domain = "a-" + tag + ".example";
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        TestData.publishReports(TestData.report(tenantId, domain, "One", "p1-" + tag, day, 1),
                TestData.report(tenantId, domain, "Two", "p2-" + tag, day, 1),
                TestData.report(tenantId, domain, "Three", "p3-" + tag, day, 1));
        TestData.awaitStored(dataSource, "p1-" + tag);
        TestData.awaitStored(dataSource, "p2-" + tag);
        TestData.awaitStored(dataSource, "p3-" + tag);
        var reports = api(token).get("/api/v1/domains/" + domain + "/reports?from=" + day + "&limit=2");
        reports.then().statusCode(200).body("organizationName", equalTo(List.of("One", "Three")));
        String reportsNext = reports.header("Link");
        api(token).get(reportsNext.substring(1, reportsNext.indexOf('>'))).then().statusCode(200)
                .body("organizationName", equalTo(List.of("Two")));

        api(token).get("/api/v1/domains?limit=501").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("500"));
        api(token).get("/api/v1/domains?offset=-1").then().statusCode(400).contentType("application/problem+json");
    }
}
