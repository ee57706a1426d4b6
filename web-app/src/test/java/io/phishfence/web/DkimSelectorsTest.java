package io.phishfence.web;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Topics;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The DKIM selectors form on the domain page, against a real PostgreSQL and a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class DkimSelectorsTest {

    static final String PASSWORD = "correct horse battery";

    static WebSession withDomain(String domain) {
        var session = WebSession.signedUp("user-" + UUID.randomUUID() + "@example.org", PASSWORD);
        session.submit("/domains", "/domains", Map.of("name", domain));
        return session;
    }

    @Test
    void savedSelectorsAreShownAndPublishedWithTheDomain() {
        String domain = "dkim-" + UUID.randomUUID() + ".example";
        var session = withDomain(domain);
        var response = session.submit("/domains/" + domain, "/domains/" + domain + "/dkim",
                Map.of("selectors", "Google, selector1  selector1 s2026.mail"));
        assertEquals(303, response.statusCode());
        session.get("/domains/" + domain).then().statusCode(200)
                .body(containsString("value=\"google selector1 s2026.mail\""));

        var published = await().atMost(Duration.ofSeconds(30)).until(() -> WebAppTest.published(Topics.DOMAINS).stream()
                .filter(e -> e instanceof DomainUpserted d && d.domain().equals(domain) && !d.dkimSelectors().isEmpty())
                .map(DomainUpserted.class::cast).toList(), events -> !events.isEmpty());
        assertEquals(List.of("google", "selector1", "s2026.mail"), published.get(published.size() - 1).dkimSelectors());
    }

    @Test
    void aSelectorThatIsNotADnsNameIsRefusedWithTheInputKept() {
        String domain = "dkim-" + UUID.randomUUID() + ".example";
        var session = withDomain(domain);
        session.submit("/domains/" + domain, "/domains/" + domain + "/dkim", Map.of("selectors", "good <bad>"))
                .then().statusCode(400)
                .body(containsString("Selectors are DNS names"))
                .body(containsString("value=\"good &lt;bad&gt;\""));
        session.get("/domains/" + domain + "/dkim").then().statusCode(200).body(containsString("value=\"\""));
    }

    @Test
    void theFormNeedsTheCsrfTokenAndTheTenantsOwnDomain() {
        String domain = "dkim-" + UUID.randomUUID() + ".example";
        var alice = withDomain(domain);
        var bob = WebSession.signedUp("user-" + UUID.randomUUID() + "@example.org", PASSWORD);
        assertEquals(404, bob.submit("/domains", "/domains/" + domain + "/dkim", Map.of("selectors", "s1")).statusCode());
        bob.get("/domains/" + domain + "/dkim").then().statusCode(404);
        // Posted from a page without a form, so without the CSRF token.
        assertEquals(400, alice.submit("/q/health/live", "/domains/" + domain + "/dkim", Map.of("selectors", "s1"))
                .statusCode());
        alice.get("/domains/" + domain).then().body(containsString("value=\"\""));
    }
}
