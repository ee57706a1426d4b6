package io.phishfence.web;

import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.Event;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.events.tlsrpt.DateRange;
import io.phishfence.events.tlsrpt.FailureDetail;
import io.phishfence.events.tlsrpt.Policy;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.Summary;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.testing.KafkaResource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test data through the app's real doors: events on the real Kafka topics, tenants read from the database. */
final class TestData {

    private TestData() {
    }

    /** Publishes events on the topic the web app stores them from. */
    static void publish(String topic, Event... events) {
        try (var producer = new KafkaProducer<String, Event>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()),
                new StringSerializer(), new EventSerializer())) {
            for (Event event : events) {
                String key = event instanceof TlsReportReceived r ? r.key() : ((DomainChecked) event).key();
                producer.send(new ProducerRecord<>(topic, key, event)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish test events", e);
        }
    }

    static void publishReports(TlsReportReceived... reports) {
        publish(Topics.TLSRPT_REPORTS, reports);
    }

    /** A one-day report for a domain, with the given failure details (their counts add up to the failures). */
    static TlsReportReceived report(String tenantId, String domain, String organization, String reportId, LocalDate day,
            long successful, FailureDetail... failures) {
        long failed = java.util.Arrays.stream(failures).mapToLong(FailureDetail::failedSessionCount).sum();
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return TlsReportReceived.of(tenantId, domain, TlsReportReceived.CHANNEL_HTTPS, Instant.now(),
                new TlsReport(organization, new DateRange(start, start.plusSeconds(86_399)), "tlsrpt@sender.example",
                        reportId, List.of(new PolicyResult(new Policy("sts", List.of("version: STSv1", "mode: enforce"),
                                domain, List.of("mx1." + domain)), new Summary(successful, failed), List.of(failures)))),
                "application/tlsrpt+json", ("{\"report-id\":\"" + reportId + "\"}").getBytes());
    }

    static FailureDetail failure(String resultType, String mxHost, String ip, long count, String reason) {
        return new FailureDetail(resultType, "192.0.2.1", mxHost, null, ip, count, reason, null);
    }

    /** The tenant id of a logged-in session: its rua token, shown on the domains page, looked up in the database. */
    static String tenantOf(WebSession session, AgroalDataSource dataSource) {
        String https = ruaHttps(session);
        String token = https.substring(https.lastIndexOf('/') + 1);
        try (var c = dataSource.getConnection(); var st = c.prepareStatement("select id from web.tenant where rua_token = ?")) {
            st.setString(1, token);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the account with that address. */
    static String accountId(AgroalDataSource dataSource, String email) {
        try (var c = dataSource.getConnection(); var st = c.prepareStatement("select id::text from web.account where email = ?")) {
            st.setString(1, email);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String ruaHttps(WebSession session) {
        String page = session.get("/domains").asString();
        int start = page.indexOf("id=\"rua-https\">") + "id=\"rua-https\">".length();
        return page.substring(start, page.indexOf('<', start));
    }

    /** Waits until the web app has stored a report with that sender report-id. */
    static String awaitStored(AgroalDataSource dataSource, String reportId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> storedId(dataSource, reportId), id -> id != null);
    }

    private static String storedId(AgroalDataSource dataSource, String reportId) throws SQLException {
        try (var c = dataSource.getConnection();
                var st = c.prepareStatement("select id from web.tls_report where report_id = ?")) {
            st.setString(1, reportId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Every event on a topic so far (a fresh consumer group reads from the start). */
    static List<Event> published(String topic) {
        var events = new java.util.ArrayList<Event>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            for (int i = 0; i < 6; i++) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value() != null) {
                        events.add(io.phishfence.events.EventJson.read(r.value()));
                    }
                });
            }
        }
        return events;
    }

    /** Whether the compacted domains topic has a tombstone (the domain's removal) under that key. */
    static boolean tombstoned(String key) {
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(Topics.DOMAINS));
            for (int i = 0; i < 6; i++) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key().equals(key) && r.value() == null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + java.util.UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
