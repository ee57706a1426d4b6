package io.phishfence.web.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.events.DomainChecked;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckProgressTest {

    private static final Instant NOW = Instant.parse("2026-11-29T11:00:00Z");
    private static final Instant PRESSED = NOW.minusSeconds(5);

    @Test
    void noRequestNoProgress() {
        assertEquals(CheckProgress.NONE, CheckProgress.of(null, null, NOW));
        assertEquals(CheckProgress.NONE, CheckProgress.of("true", null, NOW), "not a time");
        assertEquals(CheckProgress.NONE, CheckProgress.of("99999999999999999999", null, NOW), "too long");
        assertEquals(CheckProgress.NONE, CheckProgress.of(millis(NOW.plusSeconds(60)), null, NOW), "in the future");
    }

    @Test
    void waitsUntilACheckThatEndedAfterThePressArrives() {
        assertEquals(new CheckProgress(PRESSED.toEpochMilli(), true, false),
                CheckProgress.of(millis(PRESSED), null, NOW), "never checked");
        assertEquals(new CheckProgress(PRESSED.toEpochMilli(), true, false),
                CheckProgress.of(millis(PRESSED), checkedAt(PRESSED.minusSeconds(1)), NOW), "an older check");
        assertEquals(CheckProgress.NONE, CheckProgress.of(millis(PRESSED), checkedAt(PRESSED), NOW));
        assertEquals(CheckProgress.NONE, CheckProgress.of(millis(PRESSED), checkedAt(NOW), NOW));
    }

    @Test
    void stopsWaitingWhenTheCheckIsOverdue() {
        Instant longAgo = NOW.minus(CheckProgress.PATIENCE).minusSeconds(1);
        assertEquals(new CheckProgress(longAgo.toEpochMilli(), false, true),
                CheckProgress.of(millis(longAgo), checkedAt(longAgo.minus(Duration.ofHours(1))), NOW));
        assertEquals(CheckProgress.NONE, CheckProgress.of(millis(longAgo), checkedAt(NOW), NOW),
                "a bookmarked page after the check arrived");
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static DomainChecked checkedAt(Instant at) {
        return DomainChecked.of("t", "example.com", at, 10, "request", List.of(), List.of());
    }
}
