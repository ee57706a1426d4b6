package io.phishfence.monitor.run;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * At most one run of a piece of work per key at a time: a caller that asks while it runs joins it. A run is
 * started only once its place is taken, and leaves before it completes, so a run that ends at once can neither
 * leave a finished entry behind (which would answer every later caller with an old result) nor be joined after
 * it ended.
 */
public final class SingleFlight<K, V> {

    private final Map<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    public CompletableFuture<V> run(K key, Supplier<CompletableFuture<V>> work) {
        var flight = new CompletableFuture<V>();
        var alreadyRunning = running.putIfAbsent(key, flight);
        if (alreadyRunning != null) {
            return alreadyRunning;
        }
        CompletableFuture<V> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((result, error) -> {
            running.remove(key, flight);
            if (error != null) {
                flight.completeExceptionally(error);
            } else {
                flight.complete(result);
            }
        });
        return flight;
    }
}
