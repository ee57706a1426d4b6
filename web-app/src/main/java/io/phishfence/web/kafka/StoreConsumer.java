package io.phishfence.web.kafka;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertResolved;
import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.Event;
import io.phishfence.events.EventJson;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.ConsumerLoop;
import io.phishfence.events.kafka.DependencyHold;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.phishfence.web.WebConfig;
import io.phishfence.web.alert.AlertStore;
import io.phishfence.web.check.CheckStore;
import io.phishfence.web.report.ReportStore;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@link Topics#TLSRPT_REPORTS}, {@link Topics#DOMAIN_CHECKS} and {@link Topics#ALERTS} at least once: offsets are committed
 * only after the events of a poll are in the database, and storing is idempotent. A message that cannot be stored after bounded
 * retries goes to {@link Topics#DEAD_LETTER} with the reason, so it never blocks its partition; but while the database is
 * away nothing is given up on or committed: the consumer holds and stores the same records once it is back.
 */
@ApplicationScoped
public class StoreConsumer {

    private static final Logger LOG = Logger.getLogger(StoreConsumer.class);
    private static final int ATTEMPTS = 3;

    private final ReportStore store;
    private final CheckStore checks;
    private final AlertStore alerts;
    private final String bootstrapServers;
    private final String group;
    private final MeterRegistry registry;
    private final DependencyHold hold;
    private KafkaProducer<String, byte[]> deadLetters;
    private ConsumerLoop loop;

    StoreConsumer(ReportStore store, CheckStore checks, AlertStore alerts, WebConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry,
            DataSource database) {
        this.store = store;
        this.hold = new DependencyHold("store-consumer", DependencyHold.reachable(database), registry);
        this.registry = registry;
        this.checks = checks;
        this.alerts = alerts;
        this.bootstrapServers = bootstrapServers;
        this.group = config.kafka().storeGroup();
    }

    void onStart(@Observes StartupEvent event) {
        deadLetters = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        loop = ConsumerLoop.start("store-consumer", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100), KafkaClientMeters.measured(registry, this::storeReports));
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    private void storeReports(KafkaConsumer<String, byte[]> kafka) {
        // Hibernate asks the request-scoped tenant resolver when a session opens: give this thread a context.
        var requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            kafka.subscribe(List.of(Topics.TLSRPT_REPORTS, Topics.DOMAIN_CHECKS, Topics.ALERTS));
            while (true) {
                var records = kafka.poll(Duration.ofMillis(500));
                // While the database is away, nothing is committed: the records are stored once it is back.
                if (hold.handleAll(kafka, records, this::handle) && !records.isEmpty()) {
                    kafka.commitSync();
                }
            }
        } finally {
            requestContext.terminate();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (record.value() == null) {
                    return;
                }
                Event event = EventJson.read(record.value());
                if (event instanceof TlsReportReceived report) {
                    store.store(report);
                } else if (event instanceof DomainChecked check) {
                    checks.store(check);
                } else if (event instanceof AlertRaised alert) {
                    alerts.store(alert);
                } else if (event instanceof AlertResolved resolved) {
                    alerts.store(resolved);
                } else if (event != null) {
                    LOG.debugf("ignoring %s on %s", event.getClass().getSimpleName(), record.topic());
                }
                return;
            } catch (java.io.UncheckedIOException notAnEvent) {
                last = notAnEvent;
                break;
            } catch (RuntimeException e) {
                last = e;
                pause(Duration.ofMillis(200L * attempt));
            }
        }
        if (!(last instanceof java.io.UncheckedIOException)) {
            hold.throwIfUnavailable(last);
        }
        LOG.errorf("giving up on %s-%d@%d, sending it to %s: %s", record.topic(), record.partition(),
                record.offset(), Topics.DEAD_LETTER, last.getMessage());
        var dead = new ProducerRecord<>(Topics.DEAD_LETTER, record.key(), record.value());
        dead.headers().add(new RecordHeader("phishfence.reason", String.valueOf(last).getBytes(StandardCharsets.UTF_8)));
        dead.headers().add(new RecordHeader("phishfence.origin",
                (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8)));
        try {
            deadLetters.send(dead).get();
        } catch (Exception e) {
            // Not committing is the safe choice: the message will be seen again.
            throw new IllegalStateException("cannot write to the dead-letter topic", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
