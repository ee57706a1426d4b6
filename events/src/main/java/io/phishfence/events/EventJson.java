package io.phishfence.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The one JSON form of events on the wire: ISO-8601 instants, unknown fields ignored (additive changes). */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Registered after the JSR-310 module, so that it writes instants; it writes what that module would.
            .addModule(new SimpleModule("iso-instant").addSerializer(Instant.class, new IsoInstantSerializer()))
            .addModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();
    /**
     * Every event is written through this one writer: it resolves the serializer of {@link Event} (with its type
     * id) once, where {@code MAPPER.writeValueAsBytes} looks it up on every call (a quarter of the cost of
     * writing a typical report event).
     */
    private static final ObjectWriter WRITER = MAPPER.writerFor(Event.class);

    private EventJson() {
    }

    public static byte[] write(Event event) {
        try {
            return WRITER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads an event; returns null for an event type this version does not know (a newer producer),
     * so that a consumer can skip it.
     *
     * @throws UncheckedIOException when the bytes are not an event at all (a poison message)
     */
    public static Event read(byte[] json) {
        try {
            return MAPPER.readValue(json, Event.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a PhishFence event: "
                    + new String(json, 0, Math.min(json.length, 80), StandardCharsets.UTF_8), e);
        }
    }

    /** The shared mapper, for callers that embed the report model in their own JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
