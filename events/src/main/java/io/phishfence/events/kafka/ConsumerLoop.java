package io.phishfence.events.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Runs a Kafka consumer on a thread of its own until {@link #close()}: the one place where the services'
 * consumers start, stop (by {@code wakeup}) and reconnect after a failure.
 */
public final class ConsumerLoop implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConsumerLoop.class.getName());
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    /** What to do with a connected consumer: typically poll and handle until woken up. */
    @FunctionalInterface
    public interface Session {
        void run(KafkaConsumer<String, byte[]> consumer);
    }

    private final String name;
    private final Map<String, Object> config;
    private final Session session;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    private ConsumerLoop(String name, Map<String, Object> config, Session session) {
        this.name = name;
        var withClientId = new HashMap<>(config);
        // Named after the loop, so that its metrics and the broker's logs say which consumer this is.
        withClientId.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.config = Map.copyOf(withClientId);
        this.session = session;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts a loop whose consumer reads string keys and byte values. */
    public static ConsumerLoop start(String name, Map<String, Object> config, Session session) {
        var loop = new ConsumerLoop(name, config, session);
        NativeLz4.load(); // reports arrive lz4-compressed; decompress them natively where possible
        loop.thread.start();
        return loop;
    }

    private void run() {
        while (running) {
            try (var kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                if (!running) {
                    return;
                }
                session.run(kafka);
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(System.Logger.Level.ERROR, name + " failed; reconnecting in " + RECONNECT_DELAY, e);
                try {
                    Thread.sleep(RECONNECT_DELAY.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Stops the loop and waits up to 10 s for the thread to finish its current message. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        var current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(10_000);
    }
}
