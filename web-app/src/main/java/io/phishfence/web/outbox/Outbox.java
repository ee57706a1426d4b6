package io.phishfence.web.outbox;

import io.phishfence.events.Event;
import io.phishfence.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The transactional outbox: a change and the event that announces it commit together, and
 * {@link OutboxRelay} publishes the event afterwards. So no event is lost when Kafka is away, and
 * none is sent for a change that rolled back.
 */
@ApplicationScoped
public class Outbox {

    /** Adds an event to the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String topic, String key, Event event) {
        var message = new OutboxMessage();
        message.topic = topic;
        message.key = key;
        message.payload = event == null ? null : EventJson.write(event);
        message.createdAt = Instant.now();
        message.persist();
    }

    /** Adds a tombstone: the compacted topic forgets the key. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addTombstone(String topic, String key) {
        add(topic, key, null);
    }
}
