package io.phishfence.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.DomainUpserted;
import io.phishfence.events.FailureSpikeThresholds;
import io.phishfence.events.Topics;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.MailResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A domain's alert sensitivity (ADR 0014) on the domain page and in the API, against a real PostgreSQL and a real
 * Kafka broker: what an owner saves is announced on the domains topic, which monitor-service judges spikes by
 * (its {@code AlertFlowTest} takes it from there).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(MailResource.class)
class AlertSensitivityTest {

    static final String DEFAULT_RULE = "An alert when at least 10 sessions fail in a day and the failure rate is at "
            + "least 3 × the usual rate (the median of the previous 14 days) and 5 points above it.";

    static RequestSpecification api(String token) {
        return given().header("Authorization", "Bearer " + token).redirects().follow(false);
    }

    static String newDomain(WebSession owner) {
        String domain = "sensitivity-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        owner.submit("/domains", "/domains", Map.of("name", domain));
        return domain;
    }

    /** The latest announcement of the domain on the compacted topic, once it satisfies {@code expected}. */
    static DomainUpserted awaitAnnounced(String domain, Predicate<DomainUpserted> expected) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<DomainUpserted> announced = TestData.published(Topics.DOMAINS).stream()
                    .filter(e -> e instanceof DomainUpserted d && d.domain().equals(domain))
                    .map(DomainUpserted.class::cast).toList();
            return announced.isEmpty() ? null : announced.get(announced.size() - 1);
        }, latest -> latest != null && expected.test(latest));
    }

    @Test
    void anOwnerSetsTheDomainsThresholdsWhichArePublishedWithItAndGoesBackToTheDefaults() {
        var owner = WebSession.signedUp("sens-" + UUID.randomUUID() + "@example.org", WebAppTest.PASSWORD);
        String domain = newDomain(owner);
        owner.get("/domains/" + domain).then().statusCode(200).body(containsString(DEFAULT_RULE))
                .body(containsString("These are the defaults."));

        var saved = owner.submit("/domains/" + domain, "/domains/" + domain + "/alert-sensitivity",
                Map.of("minFailed", "50", "factor", "2.5", "minPoints", " 10 ", "baselineDays", "7"));
        assertEquals(303, saved.statusCode());
        assertTrue(saved.header("Location").endsWith("/domains/" + domain + "#alert-sensitivity"),
                saved.header("Location"));
        owner.get("/domains/" + domain).then().statusCode(200)
                .body(containsString("An alert when at least 50 sessions fail in a day and the failure rate is at "
                        + "least 2.5 × the usual rate (the median of the previous 7 days) and 10 points above it."))
                .body(containsString("These are this domain's own settings."))
                .body(containsString("name=\"factor\"")).body(containsString("value=\"2.5\""))
                .body(containsString("Use defaults"));
        var custom = new FailureSpikeThresholds(50, 2.5, 10, 7);
        assertEquals(custom, awaitAnnounced(domain, d -> d.failureSpike() != null).failureSpike());

        assertEquals(303, owner.submit("/domains/" + domain, "/domains/" + domain + "/alert-sensitivity/defaults",
                Map.of()).statusCode());
        owner.get("/domains/" + domain).then().body(containsString(DEFAULT_RULE)).body(not(containsString("Use defaults")));
        assertNull(awaitAnnounced(domain, d -> d.failureSpike() == null).failureSpike());
    }

    @Test
    void valuesOutOfBoundsAreRefusedWithAReasonEachAndTheInputKept() {
        var owner = WebSession.signedUp("sens-" + UUID.randomUUID() + "@example.org", WebAppTest.PASSWORD);
        String domain = newDomain(owner);
        owner.submit("/domains/" + domain, "/domains/" + domain + "/alert-sensitivity",
                Map.of("minFailed", "0", "factor", "<b>3</b>", "minPoints", "5.555", "baselineDays", "60"))
                .then().statusCode(400)
                .body(containsString("Minimum failed sessions must be a whole number from 1 to 1,000,000."))
                .body(containsString("The factor over the usual rate must be a number from 1 to 100, with at most two "
                        + "decimals."))
                .body(containsString("The minimum rise must be a number of percentage points from 0 to 100, with at "
                        + "most two decimals."))
                .body(containsString("Baseline days must be a whole number from 3 to 30."))
                .body(containsString("value=\"&lt;b&gt;3&lt;/b&gt;\"")).body(containsString("value=\"60\""));
        owner.submit("/domains/" + domain, "/domains/" + domain + "/alert-sensitivity",
                Map.of("minFailed", "10.5", "factor", "", "minPoints", "5", "baselineDays", "14"))
                .then().statusCode(400).body(containsString("Minimum failed sessions must be a whole number"))
                .body(containsString("The factor over the usual rate must be"))
                .body(not(containsString("Baseline days must be")));
        owner.get("/domains/" + domain).then().body(containsString(DEFAULT_RULE));
    }

    @Test
    void membersSeeTheRuleButOnlyOwnersChangeItWithTheCsrfTokenAndOnlyTheirOwnDomains() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var owner = WebSession.signedUp("sens-owner-" + tag + "@example.org", WebAppTest.PASSWORD);
        String domain = newDomain(owner);
        var member = WebSession.joined(owner, "sens-member-" + tag + "@example.org", WebAppTest.PASSWORD);
        var fields = Map.of("minFailed", "50", "factor", "2", "minPoints", "5", "baselineDays", "14");

        member.get("/domains/" + domain).then().statusCode(200).body(containsString(DEFAULT_RULE))
                .body(containsString("Owners of your organization can change these."))
                .body(not(containsString("name=\"minFailed\"")));
        assertEquals(403, member.submit("/domains/" + domain, "/domains/" + domain + "/alert-sensitivity", fields)
                .statusCode());
        assertEquals(403, member.submit("/domains/" + domain, "/domains/" + domain + "/alert-sensitivity/defaults",
                Map.of()).statusCode());

        var stranger = WebSession.signedUp("sens-stranger-" + tag + "@example.org", WebAppTest.PASSWORD);
        assertEquals(404, stranger.submit("/domains", "/domains/" + domain + "/alert-sensitivity", fields).statusCode());
        stranger.get("/domains/" + domain + "/alert-sensitivity").then().statusCode(404);
        // Posted from a page without a form, so without the CSRF token.
        assertEquals(400, owner.submit("/q/health/live", "/domains/" + domain + "/alert-sensitivity", fields)
                .statusCode());
        owner.get("/domains/" + domain).then().body(containsString(DEFAULT_RULE));
    }

    @Test
    void theApiReadsAndSetsTheSensitivityOwnersOnly() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var owner = WebSession.signedUp("sens-api-" + tag + "@example.org", WebAppTest.PASSWORD);
        String domain = newDomain(owner);
        String token = owner.createApiToken("sensitivity");
        var member = WebSession.joined(owner, "sens-api-member-" + tag + "@example.org", WebAppTest.PASSWORD);
        String memberToken = member.createApiToken("member's");
        String path = "/api/v1/domains/" + domain + "/alert-sensitivity";

        api(memberToken).get(path).then().statusCode(200).body("defaults", equalTo(true))
                .body("failureSpike.minFailed", equalTo(10)).body("rule", equalTo(DEFAULT_RULE));
        api(memberToken).contentType("application/json").body("{\"minFailed\":50,\"factor\":2,\"minPoints\":5,"
                + "\"baselineDays\":14}").put(path).then().statusCode(403).contentType("application/problem+json");

        api(token).contentType("application/json").body("{\"minFailed\":10.5,\"factor\":2,\"minPoints\":5}")
                .put(path).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Minimum failed sessions must be a whole number"))
                .body("detail", containsString("Baseline days must be"));
        api(token).contentType("application/json").body("{\"minFailed\":1000,\"factor\":1.25,\"minPoints\":0,"
                + "\"baselineDays\":30}").put(path).then().statusCode(200).body("defaults", equalTo(false))
                .body("failureSpike.factor", equalTo(1.25f)).body("rule", containsString("at least 1,000 sessions"));
        assertEquals(new FailureSpikeThresholds(1_000, 1.25, 0, 30),
                awaitAnnounced(domain, d -> d.failureSpike() != null).failureSpike());
        owner.get("/domains/" + domain).then().body(containsString("the median of the previous 30 days"));

        api(token).delete(path).then().statusCode(200).body("defaults", equalTo(true));
        api(token).get("/api/v1/domains/nope-" + tag + ".example/alert-sensitivity").then().statusCode(404);
    }
}
