package io.phishfence.web.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key in fixed windows and says when a key has reached its limit. In memory, so each
 * web-app instance counts on its own: behind N instances an attacker gets at most N times the limit, which
 * still turns password guessing from millions of tries into a handful.
 */
public final class RateLimiter {

    /** Beyond this many keys, windows that have ended are dropped on the next event. */
    private static final int PRUNE_ABOVE = 10_000;

    private record Window(Instant start, int count) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit must be >= 1 and window positive");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Whether {@code key} has used up its events in the current window. */
    public boolean isExhausted(String key) {
        Window current = windows.get(key);
        return current != null && !ended(current, clock.instant()) && current.count() >= limit;
    }

    /** Counts one event for {@code key}. */
    public void record(String key) {
        Instant now = clock.instant();
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> ended(w, now));
        }
        windows.merge(key, new Window(now, 1),
                (old, fresh) -> ended(old, now) ? fresh : new Window(old.start(), old.count() + 1));
    }

    /** Counts one event and answers whether it was still within the limit. */
    public boolean tryAcquire(String key) {
        if (isExhausted(key)) {
            return false;
        }
        record(key);
        return true;
    }

    /** Forgets {@code key}'s events (a successful log-in clears the failures before it). */
    public void reset(String key) {
        windows.remove(key);
    }

    private boolean ended(Window w, Instant now) {
        return !now.isBefore(w.start().plus(window));
    }
}
