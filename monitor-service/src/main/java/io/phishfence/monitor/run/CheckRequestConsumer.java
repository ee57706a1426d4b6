package io.phishfence.monitor.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.CheckRequested;
import io.phishfence.events.EventJson;
import io.phishfence.events.Topics;
import io.phishfence.events.kafka.ConsumerLoop;
import io.phishfence.events.kafka.DependencyHold;
import io.phishfence.events.kafka.KafkaClientMeters;
import io.phishfence.monitor.MonitorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * "Check now": runs the checks a customer asked for on {@link Topics#CHECK_REQUESTS} at once. Offsets are
 * committed after the checks of a poll have been published; checks that failed while the database was away are
 * run again once it is back.
 */
@ApplicationScoped
public class CheckRequestConsumer {

    private static final Logger LOG = Logger.getLogger(CheckRequestConsumer.class);

    private final CheckRunner runner;
    private final String bootstrapServers;
    private final String group;
    private final MeterRegistry registry;
    private final DependencyHold hold;
    private ConsumerLoop loop;

    CheckRequestConsumer(CheckRunner runner, MonitorConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry,
            DataSource database) {
        this.hold = new DependencyHold("check-requests", DependencyHold.reachable(database), registry);
        this.runner = runner;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        this.group = config.kafka().checkRequestsGroup();
    }

    void onStart(@Observes StartupEvent event) {
        loop = ConsumerLoop.start("check-requests", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50), KafkaClientMeters.measured(registry, this::serve));
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.close();
        }
    }

    private void serve(KafkaConsumer<String, byte[]> kafka) {
        kafka.subscribe(List.of(Topics.CHECK_REQUESTS));
        while (true) {
            var records = kafka.poll(Duration.ofMillis(500));
            var checks = new ArrayList<CompletableFuture<?>>();
            for (var record : records) {
                try {
                    if (record.value() != null && EventJson.read(record.value()) instanceof CheckRequested request) {
                        checks.add(runner.run(request.tenantId(), request.domain(), "request"));
                    }
                } catch (java.io.UncheckedIOException unreadable) {
                    LOG.errorf("skipping unreadable check request at %s-%d@%d", record.topic(), record.partition(),
                            record.offset());
                }
            }
            if (!records.isEmpty()) {
                try {
                    CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
                } catch (Exception e) {
                    LOG.warnf("some requested checks failed: %s", e.getMessage());
                    // The database was away (checks record their state there): run the batch again once it is back.
                    if (!hold.available()) {
                        hold.rewindAndWait(kafka, records, Map.of());
                        continue;
                    }
                }
                kafka.commitSync();
            }
        }
    }
}
