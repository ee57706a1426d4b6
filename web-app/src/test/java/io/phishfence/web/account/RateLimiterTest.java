package io.phishfence.web.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-29T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final ManualClock clock = new ManualClock();
    final RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(15), clock);

    @Test
    void allowsTheLimitThenRefusesWithinTheWindow() {
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
        assertTrue(limiter.isExhausted("a"));
    }

    @Test
    void countsEachKeyApart() {
        for (int i = 0; i < 3; i++) {
            limiter.record("a");
        }
        assertTrue(limiter.isExhausted("a"));
        assertFalse(limiter.isExhausted("b"));
        assertTrue(limiter.tryAcquire("b"));
    }

    @Test
    void aNewWindowStartsAfterTheOldOneEnds() {
        for (int i = 0; i < 3; i++) {
            limiter.record("a");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(15)).minusMillis(1);
        assertTrue(limiter.isExhausted("a"), "still inside the window");
        clock.now = clock.now.plusMillis(1);
        assertFalse(limiter.isExhausted("a"), "the window ended");
        assertTrue(limiter.tryAcquire("a"));
    }

    @Test
    void resetForgetsTheKey() {
        for (int i = 0; i < 3; i++) {
            limiter.record("a");
        }
        limiter.reset("a");
        assertFalse(limiter.isExhausted("a"));
    }

    @Test
    void refusesANonsenseConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, Duration.ofMinutes(1), clock));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, Duration.ZERO, clock));
    }
}
