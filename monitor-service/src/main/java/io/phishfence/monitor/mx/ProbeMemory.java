package io.phishfence.monitor.mx;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The probes of the last few seconds, by MX host, address and port: real domains share MX hosts (a large mail
 * provider's serve thousands of domains), and one probe then serves every check that asks within
 * {@code lifetime}, including those that ask while it runs. A probe is a record of what the server showed, judged
 * by each check on its own (its MTA-STS policy, its clock), so a remembered probe gives the findings a fresh one
 * would. Bounded in number, so that memory stays bounded whatever the rate of checks.
 */
final class ProbeMemory {

    private final Cache<String, CompletableFuture<MxProbe>> probes;

    /**
     * @param lifetime how long a probe is used after it started
     * @param maxProbes how many probes are kept at most (a secured probe holds its certificate chain, a few KB)
     */
    ProbeMemory(Clock clock, Duration lifetime, int maxProbes) {
        this.probes = Caffeine.newBuilder()
                .maximumSize(maxProbes)
                .expireAfterWrite(lifetime)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * The probe of {@code address} of {@code host} on {@code port}: the remembered one, or the one {@code probe}
     * starts. Each caller gets a future of its own, so that one that stops waiting does not cancel it for others.
     */
    CompletableFuture<MxProbe> probe(String host, InetAddress address, int port,
            Supplier<CompletableFuture<MxProbe>> probe) {
        String key = host.toLowerCase(Locale.ROOT) + "|" + address.getHostAddress() + "|" + port;
        CompletableFuture<MxProbe> shared = probes.get(key, k -> probe.get());
        // A probe that failed or was cancelled is no result to remember.
        shared.whenComplete((result, failure) -> {
            if (failure != null) {
                probes.asMap().remove(key, shared);
            }
        });
        return shared.copy();
    }
}
