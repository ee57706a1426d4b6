package io.phishfence.web.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-29");

    @Test
    void defaultsToTheLastThirtyDays() {
        assertEquals(new ReportPeriod(LocalDate.parse("2026-10-31"), TODAY), ReportPeriod.parse(null, "", TODAY));
    }

    @Test
    void coversWholeUtcDays() {
        var period = ReportPeriod.parse("2026-11-01", "2026-11-02", TODAY);
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), period.startInstant());
        assertEquals(Instant.parse("2026-11-03T00:00:00Z"), period.endInstant());
    }

    @Test
    void refusesMalformedReversedAndOverlongPeriods() {
        assertThrows(IllegalArgumentException.class, () -> ReportPeriod.parse("2026-02-30", null, TODAY));
        assertThrows(IllegalArgumentException.class, () -> ReportPeriod.parse("yesterday", null, TODAY));
        assertThrows(IllegalArgumentException.class, () -> ReportPeriod.parse("2026-11-02", "2026-11-01", TODAY));
        assertThrows(IllegalArgumentException.class, () -> ReportPeriod.parse("2025-11-28", "2026-11-29", TODAY));
        assertEquals(366, ReportPeriod.parse("2025-11-29", "2026-11-29", TODAY).to().toEpochDay()
                - ReportPeriod.parse("2025-11-29", "2026-11-29", TODAY).from().toEpochDay() + 1);
    }
}
