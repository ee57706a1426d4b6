package io.phishfence.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.phishfence.testing.PrometheusScrape;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an operator reads at /q/metrics after a real sign-up went through the outbox to Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class MetricsTest {

    static final String SENT = "kafka_producer_record_send_total";

    static PrometheusScrape scrape() {
        return new PrometheusScrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void theOutboxRelaysSendsTheStoreConsumersLagAndHttpRequestsArePublished() {
        await().atMost(Duration.ofSeconds(60)).until(() -> scrape().sum(SENT, "client_id", "outbox-relay").isPresent());
        double sentBefore = scrape().value(SENT, "client_id", "outbox-relay");

        WebSession.signedUp("metrics-" + UUID.randomUUID() + "@example.com", "correct horse battery staple");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> scrape().value(SENT, "client_id", "outbox-relay") > sentBefore);
        // The lag is published once the consumer has fetched since it was (re)assigned its partitions: an earlier
        // test class in this application may have restarted the broker a moment ago.
        await().atMost(Duration.ofSeconds(60)).until(() -> scrape()
                .sum("kafka_consumer_fetch_manager_records_lag_max", "client_id", "store-consumer").isPresent());
        assertTrue(scrape().value("http_server_requests_seconds_count", "uri", "/signup") >= 1,
                "HTTP requests are timed by route");
    }
}
