package io.phishfence.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantSerializerTest {

    /** What the events carried before: the JSR-310 module's own serializer. */
    private static final ObjectMapper JSR310 = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @Test
    void theEventMapperWritesInstantsWithIt() throws Exception {
        assertInstanceOf(IsoInstantSerializer.class,
                EventJson.mapper().getSerializerProviderInstance().findValueSerializer(Instant.class));
    }

    @Test
    void writesWhatTheJsr310ModuleWrites() throws Exception {
        var instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2016-04-01T00:00:00Z"),
                Instant.parse("2016-04-01T23:59:59Z"), Instant.parse("2024-02-29T12:30:45.100Z"),
                Instant.parse("2026-11-29T23:53:29.123456Z"), Instant.parse("2026-11-29T23:53:29.000000001Z"),
                Instant.parse("2026-11-29T23:53:29.000001Z"), Instant.parse("2026-11-29T23:53:29.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("0001-01-01T00:00:00Z"), Instant.MIN,
                Instant.MAX, Instant.now()));
        var random = new SplittableRandom(8460);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-100_000_000_000L, 300_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nano));
        }
        for (Instant instant : instants) {
            assertEquals(JSR310.writeValueAsString(instant), EventJson.mapper().writeValueAsString(instant),
                    instant::toString);
        }
    }
}
