package io.phishfence.web.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A range of UTC days, both ends included, as {@code ?from=YYYY-MM-DD&to=YYYY-MM-DD} asks for it.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    /** Without {@code from}, a period covers this many days up to {@code to}. */
    public static final int DEFAULT_DAYS = 30;
    /** A longer period would make one answer unbounded; a year and a day covers a leap year. */
    public static final int MAX_DAYS = 366;

    public ReportPeriod {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to.");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("A period covers at most " + MAX_DAYS + " days.");
        }
    }

    /** The last {@code days} days up to and including {@code today}. */
    public static ReportPeriod lastDays(int days, LocalDate today) {
        return new ReportPeriod(today.minusDays(days - 1L), today);
    }

    /**
     * @param from null or blank for {@link #DEFAULT_DAYS} days before {@code to}
     * @param to null or blank for today
     * @throws IllegalArgumentException with a message for the caller when a date is malformed or the range is not one
     */
    public static ReportPeriod parse(String from, String to, LocalDate today) {
        LocalDate end = blank(to) ? today : date("to", to);
        LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1L) : date("from", from);
        return new ReportPeriod(start, end);
    }

    public Instant startInstant() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    public Instant endInstant() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date as YYYY-MM-DD.");
        }
    }
}
