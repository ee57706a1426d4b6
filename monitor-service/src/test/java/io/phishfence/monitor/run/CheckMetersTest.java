package io.phishfence.monitor.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.CheckRequested;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.Topics;
import io.phishfence.monitor.domain.DomainConsumer;
import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.phishfence.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an operator reads at /q/metrics after the monitor ran a real check asked for on Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.monitor.dns.server"))
class CheckMetersTest {

    @Inject
    DomainConsumer domains;

    static PrometheusScrape scrape() {
        return new PrometheusScrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void countsEachComponentsResultAndTimesTheCheck() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String domain = "metrics-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        var before = scrape();

        Instant asked = Instant.now();
        CheckRunTest.publish(Topics.CHECK_REQUESTS, Topics.domainKey(tenant, domain),
                CheckRequested.of(tenant, domain, asked));
        DomainChecked check = CheckRunTest.awaitCheck(domain, asked, c -> "request".equals(c.trigger()));

        var after = scrape();
        for (DomainChecked.Component component : check.components()) {
            String[] labels = {"component", component.name(), "status", component.status()};
            // At least: checks that other tests scheduled may run meanwhile.
            assertTrue(after.value("phishfence_monitor_checks_total", labels)
                    > before.value("phishfence_monitor_checks_total", labels), component.name());
        }
        assertTrue(after.value("phishfence_monitor_check_duration_seconds_count", "trigger", "request")
                > before.value("phishfence_monitor_check_duration_seconds_count", "trigger", "request"));
        for (String consumer : new String[] {"check-requests", "domain-consumer", "tenant-addresses"}) {
            assertTrue(after.sum("kafka_consumer_fetch_manager_records_lag_max", "client_id", consumer).isPresent(),
                    consumer + " publishes its lag");
        }
        assertTrue(after.value("kafka_producer_record_send_total", "client_id", "check-publisher") >= 1);
        assertEquals(domains.owned().size(), after.value("phishfence_monitor_domains_owned"), "owned domains");
    }
}
