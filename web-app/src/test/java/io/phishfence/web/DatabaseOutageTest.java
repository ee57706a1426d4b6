package io.phishfence.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.Topics;
import io.phishfence.testing.DatabaseOutage;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under the running web app: it says it is not ready (but live), the reports that reach it
 * through Kafka meanwhile are neither committed nor given up on (the dead-letter topic), and once the database is
 * back they are stored, once each, without a restart.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class DatabaseOutageTest {

    static final String STORE_GROUP = "web-app-store";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void reportsConsumedWhileTheDatabaseIsDownAreStoredWhenItIsBack() throws Exception {
        Assumptions.assumeTrue(DatabaseOutage.possible(), "needs the embedded PostgreSQL to stop it");
        var session = WebSession.signedUp("outage-" + UUID.randomUUID() + "@example.org", WebAppTest.PASSWORD);
        String domain = "outage-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        session.submit("/domains", "/domains", Map.of("name", domain));
        String tenant = TestData.tenantOf(session, dataSource);
        String reportId = "outage-" + UUID.randomUUID();
        var report = TestData.report(tenant, domain, "Outage Sender", reportId, LocalDate.now(ZoneOffset.UTC).minusDays(1),
                100, TestData.failure("certificate-expired", "mx1." + domain, "203.0.113.7", 3, null));
        long deadLettersBefore = endOffset(new TopicPartition(Topics.DEAD_LETTER, 0));

        var published = new RecordMetadata[1];
        DatabaseOutage.during(() -> {
            try (var producer = new KafkaProducer<String, Event>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()),
                    new StringSerializer(), new EventSerializer())) {
                published[0] = producer.send(new ProducerRecord<>(Topics.TLSRPT_REPORTS, report.key(), report)).get();
            }
            // The store consumer got the report, failed to store it for want of the database, and holds.
            await().atMost(Duration.ofSeconds(90)).until(() -> DatabaseOutage.held("store-consumer"));
            var partition = new TopicPartition(published[0].topic(), published[0].partition());
            assertTrue(committed(partition) <= published[0].offset(), "nothing committed past the unstored report");
        });

        String id = await().atMost(Duration.ofSeconds(60)).until(() -> storedIds(reportId), ids -> !ids.isEmpty()).get(0);
        assertEquals(1, storedIds(reportId).size(), "stored once");
        assertEquals(200, session.get("/domains/" + domain + "/reports/" + id).statusCode(), "the web app serves it");
        var partition = new TopicPartition(published[0].topic(), published[0].partition());
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(partition) > published[0].offset());
        assertEquals(deadLettersBefore, endOffset(new TopicPartition(Topics.DEAD_LETTER, 0)),
                "an outage sends nothing to the dead-letter topic");
    }

    static long committed(TopicPartition partition) throws Exception {
        try (var admin = admin()) {
            var offsets = admin.listConsumerGroupOffsets(STORE_GROUP).partitionsToOffsetAndMetadata().get();
            var offset = offsets.get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    static long endOffset(TopicPartition partition) throws Exception {
        try (var admin = admin()) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }

    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()));
    }

    List<String> storedIds(String reportId) throws SQLException {
        try (var c = dataSource.getConnection();
                var st = c.prepareStatement("select id from web.tls_report where report_id = ?")) {
            st.setString(1, reportId);
            try (var rs = st.executeQuery()) {
                var ids = new java.util.ArrayList<String>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }
}
