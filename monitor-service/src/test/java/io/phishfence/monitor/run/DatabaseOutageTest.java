package io.phishfence.monitor.run;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.CheckRequested;
import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Topics;
import io.phishfence.monitor.domain.MonitoredDomains;
import io.phishfence.testing.DatabaseOutage;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.phishfence.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under the running monitor: it says it is not ready (but live); a domain added and a
 * "Check now" asked for meanwhile reach it through Kafka and are held, not dropped; once the database is back the
 * domain is recorded and the check runs and is published, without a restart.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.monitor.dns.server"))
class DatabaseOutageTest {

    static final String TENANT = "tenant-outage-" + UUID.randomUUID();

    @Inject
    MonitoredDomains domains;

    @Test
    void aDomainAndACheckRequestArrivingWhileTheDatabaseIsDownAreHandledWhenItIsBack() throws Exception {
        Assumptions.assumeTrue(DatabaseOutage.possible(), "needs the embedded PostgreSQL to stop it");
        String domain = "outage-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Instant asked = Instant.now();

        DatabaseOutage.during(() -> {
            double domainsBefore = consumed("domain-consumer");
            double requestsBefore = consumed("check-requests");
            var added = DomainUpserted.of(TENANT, domain, asked);
            CheckRunTest.publish(Topics.DOMAINS, added.key(), added);
            var request = CheckRequested.of(TENANT, domain, asked);
            CheckRunTest.publish(Topics.CHECK_REQUESTS, request.key(), request);
            // Both consumers have the events while the database is away: what they do with them is the point.
            await().atMost(Duration.ofSeconds(60)).until(() -> consumed("domain-consumer") > domainsBefore
                    && consumed("check-requests") > requestsBefore);
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> domains.contains(TENANT, domain));
        var check = CheckRunTest.awaitCheck(domain, asked, c -> c.trigger().equals("request"));
        assertTrue(check.checkedAt().isAfter(asked), check.toString());
        assertTrue(check.components().size() > 1, "a whole check: " + check);
    }

    static double consumed(String clientId) {
        return new PrometheusScrape(given().get("/q/metrics").asString())
                .value("kafka_consumer_fetch_manager_records_consumed_total", "client_id", clientId);
    }
}
