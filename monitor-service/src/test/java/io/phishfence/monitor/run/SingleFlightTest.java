package io.phishfence.monitor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final SingleFlight<String, Integer> flights = new SingleFlight<>();
    private final AtomicInteger starts = new AtomicInteger();

    @Test
    void aCallerWhileItRunsJoinsTheRun() {
        var gate = new CompletableFuture<Integer>();
        var first = flights.run("a", () -> started(gate));
        var second = flights.run("a", () -> started(CompletableFuture.completedFuture(2)));

        assertSame(first, second);
        gate.complete(1);
        assertEquals(1, second.join());
        assertEquals(1, starts.get());
    }

    @Test
    void aRunThatEndsAtOnceLeavesNothingBehind() {
        assertEquals(1, flights.run("a", () -> started(CompletableFuture.completedFuture(1))).join());
        assertEquals(2, flights.run("a", () -> started(CompletableFuture.completedFuture(2))).join());
        assertEquals(2, starts.get());
    }

    @Test
    void aFailedRunIsReportedAndTheNextCallStartsAgain() {
        var failed = flights.run("a", () -> {
            starts.incrementAndGet();
            throw new IllegalStateException("no resolver");
        });
        assertTrue(failed.isCompletedExceptionally());
        assertEquals(3, flights.run("a", () -> started(CompletableFuture.completedFuture(3))).join());
    }

    @Test
    void keysDoNotShareRuns() {
        var gate = new CompletableFuture<Integer>();
        flights.run("a", () -> started(gate));
        assertEquals(5, flights.run("b", () -> started(CompletableFuture.completedFuture(5))).join());
        assertEquals(2, starts.get());
    }

    private CompletableFuture<Integer> started(CompletableFuture<Integer> run) {
        starts.incrementAndGet();
        return run;
    }
}
