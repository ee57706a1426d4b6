package io.phishfence.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.PublicCheckCompleted;
import io.phishfence.events.PublicCheckRequested;
import io.phishfence.events.Topics;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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

/**
 * The free one-off check (ADR 0010) through the real app: form, validation, limits, the request on the real Kafka
 * topic through the outbox, the result back from Kafka, and the shareable page, against a real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class PublicCheckPagesTest {

    static final String XSS = "<script>alert('x')</script>";
    /** {@code %test.phishfence.web.public-check.global}. */
    static final int GLOBAL_CAP = 40;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theLandingPageOffersTheCheckAndARequestGoesToTheMonitorAsAnALabel() {
        var visitor = new WebSession();
        visitor.get("/").then().statusCode(200).body(containsString("action=\"/check\""));
        var response = visitor.submit("/", "/check", Map.of("domain", " Bücher.example. "));
        assertEquals(303, response.statusCode());
        String id = idOf(response.header("Location"));
        assertTrue(id.length() >= 22, "at least 128 bits: " + id);

        var request = await().atMost(Duration.ofSeconds(30)).until(() -> TestData.published(Topics.PUBLIC_CHECK_REQUESTS)
                .stream().filter(e -> e instanceof PublicCheckRequested r && r.checkId().equals(id)).findFirst(),
                found -> found.isPresent()).map(PublicCheckRequested.class::cast).orElseThrow();
        assertEquals("xn--bcher-kva.example", request.domain());

        var page = visitor.get("/check/" + id);
        page.then().statusCode(200).header("X-Robots-Tag", containsString("noindex"))
                .body(containsString("<meta name=\"robots\" content=\"noindex"))
                .body(containsString("bücher.example"))
                .body(containsString("hx-get=\"/check/" + id + "\""));
    }

    @Test
    void dkimSelectorsGoToTheMonitorAndThePageNamesThem() {
        var visitor = new WebSession();
        visitor.get("/check?domain=dkim.example&selectors=").then().statusCode(200)
                .body(containsString("<details class=\"check-form-dkim\" open>"));
        var response = visitor.submit("/check", "/check", Map.of("domain", "dkim.example",
                "selectors", " Google, selector1  selector1 "));
        String id = idOf(response.header("Location"));
        var request = await().atMost(Duration.ofSeconds(30)).until(() -> TestData.published(Topics.PUBLIC_CHECK_REQUESTS)
                .stream().filter(e -> e instanceof PublicCheckRequested r && r.checkId().equals(id)).findFirst(),
                found -> found.isPresent()).map(PublicCheckRequested.class::cast).orElseThrow();
        assertEquals(List.of("google", "selector1"), request.dkimSelectors());

        publish(PublicCheckCompleted.of(id, "dkim.example", Instant.now(), 10, List.of(new DomainChecked.Component("dkim",
                "ok", List.of(new DomainChecked.Finding("DKIM_KEY_OK", "ok", "Key found", null))))));
        await().atMost(Duration.ofSeconds(30)).until(() -> visitor.get("/check/" + id).asString().contains("DKIM_KEY_OK"));
        visitor.get("/check/" + id).then().body(containsString("DKIM selectors checked: <code>google</code>, "
                + "<code>selector1</code>")).body(containsString("/check?domain=dkim.example&amp;selectors=google,selector1"));

        // Without selectors the page says why DKIM was not checked and offers the field.
        String plain = idOf(visitor.submit("/check", "/check", Map.of("domain", "nodkim.example")).header("Location"));
        publish(PublicCheckCompleted.of(plain, "nodkim.example", Instant.now(), 10, List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> visitor.get("/check/" + plain).asString()
                .contains("DKIM keys were not checked"));
    }

    @Test
    void badOrTooManySelectorsAreRefusedAndNothingIsAsked() throws Exception {
        var visitor = new WebSession();
        long before = countInWindow();
        for (String selectors : List.of(XSS, "a b c d e f", "under_score", "-bad", "x".repeat(101))) {
            String page = visitor.submit("/check", "/check", Map.of("domain", "refused.example", "selectors", selectors))
                    .then().statusCode(400).extract().asString();
            assertTrue(page.contains("DKIM selectors are names such as google"), page);
            assertFalse(page.contains(XSS), "the input is escaped when shown again");
            assertTrue(page.contains("<details class=\"check-form-dkim\" open>"), "the field stays open");
        }
        assertEquals(before, countInWindow(), "a refused request stores no check");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("phishfence_public_checks_requested_total{outcome=\"refused\""))
                .body(containsString("phishfence_public_checks_requested_total{outcome=\"accepted\""));
    }

    @Test
    void whatIsNotAPublicDomainIsRefusedWithAReason() {
        var visitor = new WebSession();
        for (String input : List.of("", "localhost", "intranet", "printer.local", "db.internal", "router.home.arpa",
                "10.0.0.1", "[::1]", "2001:db8::1", "http://example.com/path", "a..b", "-bad-.com")) {
            visitor.submit("/check", "/check", Map.of("domain", input)).then().statusCode(400)
                    .body(containsString("class=\"error\""));
        }
    }

    @Test
    void eachClientGetsItsLimitThenA429Page() {
        var visitor = new WebSession();
        for (int i = 0; i < 10; i++) {
            assertEquals(303, visitor.submit("/check", "/check", Map.of("domain", "limit" + i + ".example")).statusCode());
        }
        var refused = visitor.submit("/check", "/check", Map.of("domain", "one-more.example"));
        refused.then().statusCode(429).header("Retry-After", "3600").body(containsString("Too many checks"));
        // Another client is not held back by this one.
        assertEquals(303, new WebSession().submit("/check", "/check", Map.of("domain", "other.example")).statusCode());
    }

    @Test
    void theGlobalCapHoldsBackEveryoneOnceReached() throws Exception {
        try {
            long used = countInWindow();
            for (long i = used; i < GLOBAL_CAP; i++) {
                assertEquals(303, new WebSession().submit("/check", "/check", Map.of("domain", "crowd" + i + ".example"))
                        .statusCode());
            }
            new WebSession().submit("/check", "/check", Map.of("domain", "late.example")).then().statusCode(429)
                    .body(containsString("Too many checks"));
        } finally {
            // Move this test's crowd out of the window, so that the other tests get their checks.
            execute("update web.public_check set requested_at = requested_at - interval '2 hours'");
        }
    }

    @Test
    void theResultRendersFindingsAsTextAndEndsWithMonitorThisDomain() {
        var visitor = new WebSession();
        String id = idOf(visitor.submit("/check", "/check", Map.of("domain", "xss.example")).header("Location"));
        publish(PublicCheckCompleted.of(id, "xss.example", Instant.now(), 1234, List.of(new DomainChecked.Component("spf",
                "error", List.of(new DomainChecked.Finding("SPF_SYNTAX", "error", "Bad term " + XSS, "v=spf1 " + XSS))))));

        await().atMost(Duration.ofSeconds(30)).until(() -> visitor.get("/check/" + id).asString().contains("SPF_SYNTAX"));
        String page = visitor.get("/check/" + id).asString();
        assertFalse(page.contains(XSS), "no markup from a finding");
        assertTrue(page.contains("Bad term &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), page);
        assertTrue(page.contains("v=spf1 &lt;script&gt;"), page);
        assertFalse(page.contains("hx-trigger"), "a finished result stops polling");
        assertTrue(page.contains("href=\"/signup?domain=xss.example\""), "monitor this domain");

        // The htmx poll gets the result section alone; a stranger with the address sees the same page.
        given().header("HX-Request", "true").get("/check/" + id).then().statusCode(200)
                .body(containsString("SPF_SYNTAX")).body(not(containsString("<html")));
        new WebSession().get("/check/" + id).then().statusCode(200).body(containsString("SPF_SYNTAX"));
        new WebSession().get("/signup?domain=xss.example").then().statusCode(200)
                .body(containsString("monitor <strong>xss.example</strong>"));
    }

    @Test
    void publicAndTenantResultsNeverMix() {
        String domain = "shared-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        var tenant = WebSession.signedUp(WebAppTest.uniqueEmail(), WebAppTest.PASSWORD);
        tenant.submit("/domains", "/domains", Map.of("name", domain));
        var visitor = new WebSession();
        String id = idOf(visitor.submit("/check", "/check", Map.of("domain", domain)).header("Location"));
        String tenantId = TestData.tenantOf(tenant, dataSource);

        // The tenant's own check of the domain does not complete the public one...
        TestData.publish(Topics.DOMAIN_CHECKS, DomainChecked.of(tenantId, domain, Instant.now(), 10, "request",
                List.of(new DomainChecked.Component("dmarc", "error",
                        List.of(new DomainChecked.Finding("TENANT_ONLY_FINDING", "error", "tenant", null)))), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> tenant.get("/domains/" + domain).asString()
                .contains("TENANT_ONLY_FINDING"));
        visitor.get("/check/" + id).then().body(not(containsString("TENANT_ONLY_FINDING")))
                .body(containsString("hx-trigger"));

        // ...and the public result of the same domain does not become the tenant's.
        publish(PublicCheckCompleted.of(id, domain, Instant.now().plusSeconds(60), 10, List.of(new DomainChecked.Component(
                "dmarc", "ok", List.of(new DomainChecked.Finding("PUBLIC_ONLY_FINDING", "ok", "public", null))))));
        await().atMost(Duration.ofSeconds(30)).until(() -> visitor.get("/check/" + id).asString()
                .contains("PUBLIC_ONLY_FINDING"));
        tenant.get("/domains/" + domain).then().body(containsString("TENANT_ONLY_FINDING"))
                .body(not(containsString("PUBLIC_ONLY_FINDING")));
    }

    @Test
    void unknownAndExpiredAddressesAre404() throws Exception {
        var visitor = new WebSession();
        visitor.get("/check/" + "A".repeat(22)).then().statusCode(404);
        String id = idOf(visitor.submit("/check", "/check", Map.of("domain", "old.example")).header("Location"));
        execute("update web.public_check set requested_at = now() - interval '31 days' where id = ?", id);
        visitor.get("/check/" + id).then().statusCode(404);
    }

    private long countInWindow() throws Exception {
        try (var c = dataSource.getConnection(); var st = c.prepareStatement(
                "select count(*) from web.public_check where requested_at > now() - interval '1 hour'");
                var rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql, String... parameters) throws Exception {
        try (var c = dataSource.getConnection(); var st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setString(i + 1, parameters[i]);
            }
            st.executeUpdate();
        }
    }

    private static String idOf(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void publish(PublicCheckCompleted result) {
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.PUBLIC_CHECKS, result.key(), result)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the result", e);
        }
    }
}
