package io.phishfence.monitor.run;

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
        String added = "outage-added-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        // Another domain, not scheduled, so that only the request can have checked it (a request for a domain whose
        // scheduled check is running joins that check).
        String asked = "outage-asked-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Instant since = Instant.now();

        DatabaseOutage.during(() -> {
            var domain = DomainUpserted.of(TENANT, added, since);
            CheckRunTest.publish(Topics.DOMAINS, domain.key(), domain);
            var request = CheckRequested.of(TENANT, asked, since);
            CheckRunTest.publish(Topics.CHECK_REQUESTS, request.key(), request);
            // Both consumers got their event, failed on it for want of the database, and hold rather than drop it.
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> DatabaseOutage.held("domain-consumer") && DatabaseOutage.held("check-requests"));
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> domains.contains(TENANT, added));
        var check = CheckRunTest.awaitCheck(asked, since, c -> c.trigger().equals("request"));
        assertTrue(check.components().size() > 1, "a whole check: " + check);
    }
}
