package io.phishfence.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for {@link Event}s; a null event is a tombstone. */
public class EventSerializer implements Serializer<Event> {

    @Override
    public byte[] serialize(String topic, Event event) {
        return event == null ? null : EventJson.write(event);
    }
}
