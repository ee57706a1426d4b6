package io.phishfence.events.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Holds a consumer while something its handler needs (the database) is away. A record that fails then is not
 * the record's fault: it must be neither sent to the dead-letter topic nor committed, but handled again once the
 * dependency is back. Meanwhile the consumer keeps its partitions (it keeps polling, paused, so the group does
 * not drop it) and its position stays at the first record not handled.
 */
public final class DependencyHold {

    private static final System.Logger LOG = System.getLogger(DependencyHold.class.getName());
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    /** The dependency is away: the record that met this is to be handled again later. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String consumerName;
    private final BooleanSupplier available;
    private volatile boolean holding;

    /**
     * @param consumerName named in the log lines of a hold
     * @param available whether the dependency answers now; asked after a failure and while holding
     */
    public DependencyHold(String consumerName, BooleanSupplier available) {
        this.consumerName = consumerName;
        this.available = available;
    }

    /** As {@link #DependencyHold(String, BooleanSupplier)}, and publishes whether it holds now as a gauge. */
    public DependencyHold(String consumerName, BooleanSupplier available, MeterRegistry registry) {
        this(consumerName, available);
        Gauge.builder("phishfence.consumer.held", this, hold -> hold.holding ? 1 : 0)
                .description("1 while the consumer holds because its database is unavailable")
                .tag("consumer", consumerName)
                .register(registry);
    }

    /** A probe of a database: a connection from the pool that answers within 2 s. */
    public static BooleanSupplier reachable(DataSource database) {
        return () -> {
            try (Connection connection = database.getConnection()) {
                return connection.isValid(2);
            } catch (SQLException | RuntimeException away) {
                return false;
            }
        };
    }

    public boolean available() {
        return available.getAsBoolean();
    }

    /**
     * Call before giving up on a record: when the dependency is away, the failure was the outage's, and this
     * throws {@link Unavailable} so that the record is held rather than given up on.
     */
    public void throwIfUnavailable(RuntimeException failure) {
        if (!available()) {
            throw new Unavailable("dependency unavailable: " + failure.getMessage(), failure);
        }
    }

    /**
     * Hands every record of the batch to {@code handler} in order. When the handler throws {@link Unavailable},
     * the records from that one on are held until the dependency is back ({@link #rewindAndWait}).
     *
     * @return true when every record was handled: only then may the caller commit
     */
    public boolean handleAll(Consumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> batch,
            java.util.function.Consumer<ConsumerRecord<String, byte[]>> handler) {
        var handled = new HashMap<TopicPartition, Long>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                handler.accept(record);
            } catch (Unavailable away) {
                rewindAndWait(kafka, batch, handled);
                return false;
            }
            handled.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        return true;
    }

    /**
     * Moves each partition of the batch back to its first record not handled yet ({@code handled}: the next
     * offset of partitions whose first records were handled), then polls with the whole assignment paused until
     * the dependency answers again, and resumes. Partitions assigned meanwhile (a rebalance) are paused too.
     */
    public void rewindAndWait(Consumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> batch,
            Map<TopicPartition, Long> handled) {
        rewind(kafka, batch, handled);
        LOG.log(System.Logger.Level.WARNING, consumerName + " holds: its dependency is unavailable; it resumes, from"
                + " the first record not handled, when it is back");
        long started = System.nanoTime();
        holding = true;
        try {
            while (!available()) {
                kafka.pause(kafka.assignment());
                var arrived = kafka.poll(PROBE_EVERY);
                rewind(kafka, arrived, Map.of());
            }
        } finally {
            holding = false;
        }
        kafka.resume(kafka.paused());
        LOG.log(System.Logger.Level.INFO, consumerName + " resumes after "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s on hold");
    }

    private static void rewind(Consumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records,
            Map<TopicPartition, Long> handled) {
        for (TopicPartition partition : records.partitions()) {
            if (kafka.assignment().contains(partition)) {
                kafka.seek(partition, handled.getOrDefault(partition, records.records(partition).get(0).offset()));
            }
        }
    }
}
