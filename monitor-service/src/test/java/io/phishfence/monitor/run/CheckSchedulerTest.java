package io.phishfence.monitor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a domain that an instance comes to own (start-up, or taken over from another instance) is first checked. */
class CheckSchedulerTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aDomainNeverCheckedIsDueAtOnce() {
        assertEquals(NOW, CheckScheduler.firstDue(NOW, null, HOUR));
    }

    @Test
    void aDomainCheckedRecentlyByAnotherInstanceKeepsItsTimetable() {
        assertEquals(NOW.plus(Duration.ofMinutes(40)),
                CheckScheduler.firstDue(NOW, NOW.minus(Duration.ofMinutes(20)), HOUR));
    }

    @Test
    void anOverdueDomainIsDueAtOnce() {
        assertEquals(NOW, CheckScheduler.firstDue(NOW, NOW.minus(Duration.ofMinutes(75)), HOUR));
    }
}
