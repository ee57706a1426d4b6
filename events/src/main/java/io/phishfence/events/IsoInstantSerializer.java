package io.phishfence.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} and the JSR-310 module do (ISO-8601 in UTC, the
 * fraction of a second in groups of three digits, only as many as it needs), without the general
 * {@code DateTimeFormatter}: that formatter was 1.5% of the ingest's CPU for the three instants of each report event
 * (docs/benchmarks.md). Instants outside the years 1970 to 9999 go to {@link Instant#toString()}.
 */
final class IsoInstantSerializer extends StdSerializer<Instant> {

    /** 9999-12-31T23:59:59Z: the last second written with a plain four-digit year. */
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;
    private static final int SECONDS_PER_DAY = 86_400;

    IsoInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        long seconds = value.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_SECOND) {
            generator.writeString(value.toString());
            return;
        }
        char[] text = new char[30];
        int length = format(seconds, value.getNano(), text);
        generator.writeString(text, 0, length);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.SSS[SSS[SSS]]]Z} into {@code text}; returns the length. */
    private static int format(long epochSecond, int nano, char[] text) {
        LocalDate date = LocalDate.ofEpochDay(epochSecond / SECONDS_PER_DAY);
        int secondOfDay = (int) (epochSecond % SECONDS_PER_DAY);
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int length = 19;
        if (nano != 0) {
            text[length++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(text, length, nano / 1_000_000, 3);
                length += 3;
            } else if (nano % 1_000 == 0) {
                digits(text, length, nano / 1_000, 6);
                length += 6;
            } else {
                digits(text, length, nano, 9);
                length += 9;
            }
        }
        text[length++] = 'Z';
        return length;
    }

    /** {@code value} as exactly {@code width} decimal digits, zero-padded, at {@code start}. */
    private static void digits(char[] text, int start, int value, int width) {
        for (int i = start + width - 1; i >= start; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
