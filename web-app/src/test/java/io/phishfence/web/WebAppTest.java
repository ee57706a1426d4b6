package io.phishfence.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.TenantUpserted;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.events.tlsrpt.DateRange;
import io.phishfence.events.tlsrpt.Policy;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.Summary;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The web app against a real PostgreSQL and a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class WebAppTest {

    static final String PASSWORD = "correct horse battery";

    @Inject
    AgroalDataSource dataSource;

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.org";
    }

    @Test
    void signUpPublishesTheTenantWithAnUnguessableRuaToken() {
        String email = uniqueEmail();
        var session = new WebSession();
        var response = session.submit("/signup", "/signup", Map.of("email", email, "password", PASSWORD));
        assertEquals(200, response.statusCode());
        session.verify(email, 1);

        session.logIn(email, PASSWORD);
        String https = rua(session);
        String token = https.substring(https.lastIndexOf('/') + 1);
        assertTrue(token.length() >= 26, "at least 128 bits of base32: " + token);

        var tenant = await().atMost(Duration.ofSeconds(30)).until(() -> published(Topics.TENANTS).stream()
                .filter(e -> e instanceof TenantUpserted t && t.ruaToken().equals(token)).findFirst(), o -> o.isPresent());
        assertNotNull(tenant.get());
    }

    @Test
    void signUpWithoutCsrfTokenIsRefused() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("email", uniqueEmail(), "password", PASSWORD))
                .post("/signup").then().statusCode(400);
    }

    @Test
    void wrongPasswordDoesNotLogIn() {
        String email = uniqueEmail();
        WebSession.signedUp(email, PASSWORD);
        var session = new WebSession();
        var response = session.logIn(email, "wrong password!");
        assertTrue(response.header("Location").contains("error"), response.header("Location"));
        assertEquals(302, session.get("/domains").statusCode());
    }

    @Test
    void addedDomainIsStoredAsALabelAndPublished() {
        var session = WebSession.signedUp(uniqueEmail(), PASSWORD);
        var response = session.submit("/domains", "/domains", Map.of("name", "Bücher.example"));
        assertEquals(303, response.statusCode());
        assertTrue(response.header("Location").endsWith("/domains/xn--bcher-kva.example"));
        session.get("/domains/xn--bcher-kva.example").then().statusCode(200)
                .body(containsString("bücher.example"))
                .body(containsString("v=TLSRPTv1; rua=mailto:"));

        await().atMost(Duration.ofSeconds(30)).until(() -> published(Topics.DOMAINS).stream()
                .anyMatch(e -> e instanceof DomainUpserted d && d.domain().equals("xn--bcher-kva.example")));
    }

    @Test
    void notADomainIsRefusedWithAMessage() {
        var session = WebSession.signedUp(uniqueEmail(), PASSWORD);
        session.submit("/domains", "/domains", Map.of("name", "not a domain"))
                .then().statusCode(400).body(containsString("not a domain name"));
    }

    @Test
    void aReportIsStoredOnceAndShownOnlyToItsTenant() throws Exception {
        var alice = WebSession.signedUp(uniqueEmail(), PASSWORD);
        alice.submit("/domains", "/domains", Map.of("name", "alice.example"));
        var bob = WebSession.signedUp(uniqueEmail(), PASSWORD);
        bob.submit("/domains", "/domains", Map.of("name", "bob.example"));
        String aliceTenant = tenantOf(alice);

        String reportId = "report-" + UUID.randomUUID();
        var event = TlsReportReceived.of(aliceTenant, "alice.example", TlsReportReceived.CHANNEL_HTTPS, Instant.now(),
                new TlsReport("<script>alert(1)</script> Mail Inc.", new DateRange(Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-11-01T23:59:59Z")), null, reportId, List.of(new PolicyResult(
                                new Policy("sts", List.of("version: STSv1"), "alice.example", List.of("mx.alice.example")),
                                new Summary(1234, 56), List.of()))),
                "application/tlsrpt+json", "{}".getBytes());
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TLSRPT_REPORTS, event.key(), event)).get();
            producer.send(new ProducerRecord<>(Topics.TLSRPT_REPORTS, event.key(), event)).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> alice.get("/domains/alice.example").asString().contains(reportId));
        String page = alice.get("/domains/alice.example").asString();
        assertEquals(1, page.split(reportId, -1).length - 1, "stored and shown once");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Mail Inc."), "sender text is escaped");
        assertTrue(!page.contains("<script>alert(1)"));
        try (var c = dataSource.getConnection(); var rs = c.createStatement()
                .executeQuery("select count(*) from web.tls_report where report_id = '" + reportId + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }

        bob.get("/domains/alice.example").then().statusCode(404);
        bob.get("/domains").then().statusCode(200).body(not(containsString("alice.example")));
    }

    @Test
    void theDomainPageShowsTheLatestCheckAndCheckNowAsksForOne() throws Exception {
        var alice = WebSession.signedUp(uniqueEmail(), PASSWORD);
        alice.submit("/domains", "/domains", Map.of("name", "checked.example"));
        String aliceTenant = tenantOf(alice);
        var check = io.phishfence.events.DomainChecked.of(aliceTenant, "checked.example", Instant.now(), 120, "request",
                List.of(new io.phishfence.events.DomainChecked.Component("mta-sts", "error", List.of(
                        new io.phishfence.events.DomainChecked.Finding("MTA_STS_POLICY_REDIRECT", "error",
                                "The policy URL redirects <b>elsewhere</b>.", "version: STSv1")))),
                List.of(new io.phishfence.events.DomainChecked.Change("mta-sts", "ok", "error")));
        publishCheck(check);
        String page = await().atMost(Duration.ofSeconds(30)).until(
                () -> alice.get("/domains/checked.example").asString(), p -> p.contains("MTA_STS_POLICY_REDIRECT"));
        assertTrue(page.contains("redirects &lt;b&gt;elsewhere&lt;/b&gt;."), "finding text is escaped");
        assertTrue(page.contains("class=\"badge error\""), "status shown");

        var response = alice.submit("/domains/checked.example", "/domains/checked.example/check", Map.of());
        assertEquals(303, response.statusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> published(Topics.CHECK_REQUESTS).stream()
                .anyMatch(e -> e instanceof io.phishfence.events.CheckRequested r && r.tenantId().equals(aliceTenant)
                        && r.domain().equals("checked.example")));

        var bob = WebSession.signedUp(uniqueEmail(), PASSWORD);
        assertEquals(404, bob.submit("/domains", "/domains/checked.example/check", Map.of()).statusCode());
        bob.get("/domains/checked.example").then().statusCode(404);
    }

    @Test
    void checkNowPollsTheStatusUntilTheRequestedCheckArrives() throws Exception {
        var alice = WebSession.signedUp(uniqueEmail(), PASSWORD);
        alice.submit("/domains", "/domains", Map.of("name", "polled.example"));
        var pressed = alice.submit("/domains/polled.example", "/domains/polled.example/check", Map.of());
        assertEquals(303, pressed.statusCode());
        var location = URI.create(pressed.getHeader("Location"));
        String page = location.getRawPath() + "?" + location.getRawQuery();
        assertTrue(page.startsWith("/domains/polled.example?checking="), page);

        String full = alice.get(page).asString();
        assertTrue(full.contains("hx-trigger=\"every 2s\""), "the status section polls while the check runs");
        assertTrue(full.contains("<h1>polled.example</h1>"), "a plain page load gets the whole page");
        String section = alice.htmx(page).asString();
        assertTrue(section.contains("Checking polled.example now") && !section.contains("<h1>"),
                "a poll gets the status section alone: " + section);

        // The monitor's answer: a check that ended after the button was pressed.
        publishCheck(io.phishfence.events.DomainChecked.of(tenantOf(alice), "polled.example", Instant.now(), 80,
                "request", List.of(new io.phishfence.events.DomainChecked.Component("mta-sts", "missing", List.of(
                        new io.phishfence.events.DomainChecked.Finding("MTA_STS_RECORD_MISSING", "warning",
                                "No MTA-STS record.", "v=STSv1; id=20261129")))), List.of()));
        String done = await().atMost(Duration.ofSeconds(30)).until(() -> alice.htmx(page).asString(),
                s -> s.contains("MTA_STS_RECORD_MISSING"));
        assertTrue(!done.contains("hx-trigger") && !done.contains("Checking polled.example now"),
                "polling stops once the result is in: " + done);

        var bob = WebSession.signedUp(uniqueEmail(), PASSWORD);
        assertEquals(404, bob.htmx(page).statusCode());
    }

    @Test
    void domainPagesNeedALogIn() {
        given().redirects().follow(false).get("/domains").then().statusCode(302)
                .header("Location", containsString("/login"));
    }

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
    }

    private static void publishCheck(io.phishfence.events.DomainChecked check) throws Exception {
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOMAIN_CHECKS, check.key(), check)).get();
        }
    }

    private String tenantOf(WebSession session) {
        return TestData.tenantOf(session, dataSource);
    }

    private static String rua(WebSession session) {
        return TestData.ruaHttps(session);
    }

    static List<Event> published(String topic) {
        return TestData.published(topic);
    }
}
