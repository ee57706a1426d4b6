package io.phishfence.monitor.domain;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.Topics;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class DomainConsumerTest {

    @Inject
    MonitoredDomains domains;

    @Test
    void followsDomainsAddedAndRemovedOnTheCompactedTopic() throws Exception {
        var added = DomainUpserted.of("tenant-1", "watched.example", Instant.now());
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOMAINS, added.key(), added)).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> domains.contains("tenant-1", "watched.example"));

            producer.send(new ProducerRecord<>(Topics.DOMAINS, added.key(), null)).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !domains.contains("tenant-1", "watched.example"));
        }
    }

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
    }
}
