package io.phishfence.events.kafka;

import io.phishfence.events.Topics;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Bounded retries, then {@link Topics#DEAD_LETTER}: a message that cannot be handled never blocks its partition.
 * A message that is not an event at all ({@link UncheckedIOException} from the reader) is not retried.
 */
public final class DeadLetters implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DeadLetters.class.getName());

    private final KafkaProducer<String, byte[]> producer;
    private final String consumerName;
    private final int attempts;

    /**
     * @param consumerName who gave up, written to the {@code phishfence.origin} header
     * @param attempts how often a message is tried before it is given up on
     */
    public DeadLetters(String bootstrapServers, String consumerName, int attempts) {
        this.producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        this.consumerName = consumerName;
        this.attempts = attempts;
    }

    /**
     * Hands the record to {@code handler}, again after a growing pause when it throws, and sends it to the
     * dead-letter topic with the reason when every attempt failed.
     *
     * @throws IllegalStateException when even the dead-letter topic cannot take it: the caller must not commit
     */
    public void handle(ConsumerRecord<String, byte[]> record, Consumer<ConsumerRecord<String, byte[]>> handler) {
        handle(record, handler, null);
    }

    /**
     * As {@link #handle(ConsumerRecord, Consumer)}, but a record whose every attempt failed while {@code hold}'s
     * dependency is away is not given up on: {@link DependencyHold.Unavailable} is thrown for the caller to hold it.
     */
    public void handle(ConsumerRecord<String, byte[]> record, Consumer<ConsumerRecord<String, byte[]>> handler,
            DependencyHold hold) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                handler.accept(record);
                return;
            } catch (UncheckedIOException notAnEvent) {
                last = notAnEvent;
                break;
            } catch (RuntimeException e) {
                last = e;
                LOG.log(System.Logger.Level.WARNING, consumerName + " failed on " + origin(record) + " (attempt "
                        + attempt + "): " + e.getMessage());
                pause(Duration.ofMillis(300L * attempt));
            }
        }
        if (hold != null && !(last instanceof UncheckedIOException)) {
            hold.throwIfUnavailable(last);
        }
        LOG.log(System.Logger.Level.ERROR, consumerName + " gives up on " + origin(record) + ", sending it to "
                + Topics.DEAD_LETTER + ": " + last.getMessage());
        var dead = new ProducerRecord<>(Topics.DEAD_LETTER, record.key(), record.value());
        dead.headers().add(new RecordHeader("phishfence.reason", String.valueOf(last).getBytes(StandardCharsets.UTF_8)));
        dead.headers().add(new RecordHeader("phishfence.origin",
                (consumerName + " " + origin(record)).getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(dead).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the dead-letter topic", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to the dead-letter topic", e);
        }
    }

    private static String origin(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
