package io.phishfence.monitor.alert;

import io.phishfence.events.DomainChecked;
import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.Event;
import io.phishfence.events.EventJson;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.ConsumerLoop;
import io.phishfence.events.kafka.DeadLetters;
import io.phishfence.events.kafka.DependencyHold;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Feeds the alert rules from {@link Topics#TLSRPT_REPORTS} and {@link Topics#DOMAIN_CHECKS}, in one consumer
 * group shared by all instances. Offsets are committed after each message's transaction (which has published
 * its alerts); a message that fails three times goes to {@link Topics#DEAD_LETTER}, so it never blocks its
 * partition, unless the database is away: then the consumer holds and handles it once the database is back.
 */
@ApplicationScoped
public class AlertInputConsumer {

    private static final int ATTEMPTS = 3;

    private final ReportAlerts reports;
    private final CheckAlerts checks;
    private final String bootstrapServers;
    private final String group;
    private final DependencyHold hold;
    private DeadLetters deadLetters;
    private ConsumerLoop loop;

    AlertInputConsumer(ReportAlerts reports, CheckAlerts checks, AlertConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, DataSource database,
            MeterRegistry registry) {
        this.hold = new DependencyHold("alert-inputs", DependencyHold.reachable(database), registry);
        this.reports = reports;
        this.checks = checks;
        this.bootstrapServers = bootstrapServers;
        this.group = config.group();
    }

    void onStart(@Observes StartupEvent event) {
        deadLetters = new DeadLetters(bootstrapServers, "monitor-alerts", ATTEMPTS);
        loop = ConsumerLoop.start("alert-inputs", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50,
                // Alerts are about days of reports and hours of checks: a quarter of a second changes nothing for
                // them, and gathering a few inputs per fetch spares the broker a fetch and an offset commit for
                // each check of a busy instance (one every 10 ms at 100 checks a second).
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 32 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250), this::serve);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    private void serve(KafkaConsumer<String, byte[]> kafka) {
        kafka.subscribe(List.of(Topics.TLSRPT_REPORTS, Topics.DOMAIN_CHECKS));
        while (true) {
            var records = kafka.poll(Duration.ofMillis(500));
            if (hold.handleAll(kafka, records, this::handle) && !records.isEmpty()) {
                kafka.commitSync();
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        deadLetters.handle(record, r -> {
            Event event = EventJson.read(r.value());
            if (event instanceof TlsReportReceived report) {
                reports.onReport(report);
            } else if (event instanceof DomainChecked check) {
                checks.onCheck(check);
            }
        }, hold);
    }
}
