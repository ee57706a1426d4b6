package io.phishfence.monitor.mx;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Severity;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import io.phishfence.monitor.mtasts.StsPolicy;
import io.phishfence.monitor.net.AddressGuard;
import io.phishfence.monitor.net.TrustStores;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.X509TrustManager;

/**
 * The MX / STARTTLS component: for each MX host of the domain (RFC 7505 null MX and the RFC 5321 5.1 implicit MX
 * included) and each of its addresses the SSRF guard permits, an SMTP probe up to the end of the TLS handshake,
 * then what each probe means. Probes of all domains share one bounded pool; each has its own time limit. A probe
 * of an address serves every check that asks for it within {@link #PROBE_LIFETIME} ({@link ProbeMemory}).
 */
public final class MxCheck {

    public static final String COMPONENT = "mx";

    /** Enough for real domains (large providers publish up to 5 MX hosts), bounded for hostile ones. */
    public static final int MAX_HOSTS = 10;
    static final int MAX_ADDRESSES_PER_HOST = 4;
    /**
     * How long one probe of an MX address serves other checks: as long as a verdict on a certificate chain
     * ({@link TrustStores#VERDICT_LIFETIME}), for the same reasons.
     */
    static final Duration PROBE_LIFETIME = TrustStores.VERDICT_LIFETIME;
    /** At 167 checks a second, 10 seconds of probes of distinct MX addresses fit twice. */
    static final int MAX_REMEMBERED_PROBES = 4_000;

    private final Dns dns;
    private final AddressGuard guard;
    private final SmtpProber prober;
    private final ExecutorService probes;
    private final Duration timeout;
    private final X509TrustManager trust;
    private final Clock clock;
    private final ProbeMemory memory;

    /**
     * @param probes the pool probes run on: its size bounds the probes running at once
     * @param timeout the time limit of one probe, as the prober has it
     * @param trust the authorities an MX certificate must chain to
     */
    public MxCheck(Dns dns, AddressGuard guard, SmtpProber prober, ExecutorService probes, Duration timeout,
            X509TrustManager trust, Clock clock) {
        this(dns, guard, prober, probes, timeout, trust, clock,
                new ProbeMemory(clock, PROBE_LIFETIME, MAX_REMEMBERED_PROBES));
    }

    MxCheck(Dns dns, AddressGuard guard, SmtpProber prober, ExecutorService probes, Duration timeout,
            X509TrustManager trust, Clock clock, ProbeMemory memory) {
        this.memory = memory;
        this.dns = dns;
        this.guard = guard;
        this.prober = prober;
        this.probes = probes;
        this.timeout = timeout;
        this.trust = trust;
        this.clock = clock;
    }

    /** A pool for probes: {@code size} daemon threads, which bound the probes running at once. */
    public static ExecutorService probePool(int size) {
        return Executors.newFixedThreadPool(size, runnable -> {
            var thread = new Thread(runnable, "mx-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The verdict, and every probe that reached a server: DANE checks the certificates they saw. */
    public record Outcome(ComponentResult result, List<MxProbe> probes) {
        public Outcome {
            probes = List.copyOf(probes);
        }
    }

    /**
     * @param mx the domain's MX look-up, as DNS gave it now
     * @param policy the domain's MTA-STS policy, when it has a readable one; asked for only once the probes have
     *        started, so that the policy can be fetched while they run
     */
    public Outcome run(String domain, DnsAnswer<String> mx, Supplier<Optional<StsPolicy>> policy) {
        if (mx instanceof DnsAnswer.Failed<String> failed) {
            return new Outcome(ComponentResult.of(COMPONENT, List.of(Finding.warning("MX_DNS_FAILED", "The MX records "
                    + "of " + domain + " could not be looked up (" + failed.reason() + "); the next check tries again.",
                    null))), List.of());
        }
        List<String> hosts = mx.valuesOrEmpty();
        var findings = new ArrayList<Finding>();
        if (hosts.size() == 1 && hosts.get(0).isEmpty()) {
            return new Outcome(ComponentResult.of(COMPONENT, List.of(Finding.info("MX_NULL", domain + " publishes "
                    + "a null MX (RFC 7505): it accepts no mail, so there is no mail server to check."))), List.of());
        }
        if (hosts.isEmpty()) {
            if (dns.addresses(domain).valuesOrEmpty().isEmpty()) {
                return new Outcome(ComponentResult.missing(COMPONENT, List.of(Finding.warning("MX_MISSING", domain
                        + " has no MX record and no address, so it cannot receive mail. If it should not, say so "
                        + "with a null MX record.", domain + ". IN MX 0 ."))), List.of());
            }
            findings.add(new Finding("MX_IMPLICIT", Severity.INFO, domain + " has no MX "
                    + "record, so senders deliver to the domain's own address (RFC 5321 5.1). Publish an MX record "
                    + "to say which server takes its mail.", domain + ". IN MX 10 " + domain + "."));
            hosts = List.of(domain);
        }
        var running = new ArrayList<Pending>();
        for (String host : hosts.stream().filter(h -> !h.isEmpty()).limit(MAX_HOSTS).toList()) {
            for (InetAddress address : addresses(host, findings)) {
                running.add(new Pending(host, address, memory.probe(host, address, prober.port(),
                        () -> CompletableFuture.supplyAsync(() -> prober.probe(host, address), probes))));
            }
        }
        var done = new ArrayList<MxProbe>();
        Optional<StsPolicy> stsPolicy = running.isEmpty() ? Optional.empty() : policy.get();
        for (var pending : running) {
            Optional<MxProbe> result = await(pending.probe());
            if (result.isEmpty()) {
                findings.add(Finding.warning("MX_NOT_PROBED", "The mail server " + pending.host() + " ("
                        + pending.address().getHostAddress() + ") was not probed: the monitor was too busy. The next "
                        + "check tries again.", null));
                continue;
            }
            done.add(result.get());
            findings.addAll(ProbeEvaluator.evaluate(result.get(), stsPolicy, trust, clock.instant()));
        }
        return new Outcome(ComponentResult.of(COMPONENT, findings), done);
    }

    /** The addresses of {@code host} the guard lets the monitor connect to; findings for those it may not. */
    private List<InetAddress> addresses(String host, List<Finding> findings) {
        DnsAnswer<InetAddress> answer = dns.addresses(host);
        if (answer instanceof DnsAnswer.Failed<InetAddress> failed) {
            findings.add(Finding.warning("MX_HOST_DNS_FAILED", "The address of the mail server " + host + " could not "
                    + "be looked up (" + failed.reason() + "); the next check tries again.", null));
            return List.of();
        }
        List<InetAddress> all = answer.valuesOrEmpty();
        if (all.isEmpty()) {
            findings.add(Finding.error("MX_HOST_NO_ADDRESS", "The mail server " + host + " has no address (A or "
                    + "AAAA record), so senders cannot deliver to it.", "Publish an A or AAAA record for " + host
                    + ", or remove it from the MX records."));
            return List.of();
        }
        List<InetAddress> permitted = all.stream().filter(guard::permits).limit(MAX_ADDRESSES_PER_HOST).toList();
        if (permitted.size() < Math.min(all.size(), MAX_ADDRESSES_PER_HOST)) {
            all.stream().filter(address -> !guard.permits(address)).forEach(address -> findings.add(Finding.error(
                    "MX_HOST_PRIVATE", "The mail server " + host + " resolves to the private or local address "
                            + address.getHostAddress() + ", which senders on the internet cannot reach.",
                    "Publish only public addresses for " + host + ".")));
        }
        return permitted;
    }

    private record Pending(String host, InetAddress address, CompletableFuture<MxProbe> probe) {
    }

    /** The probe's result; empty when it waited too long for a free place in the pool. */
    private Optional<MxProbe> await(CompletableFuture<MxProbe> probe) {
        try {
            // The prober keeps its own time limit; this one only bounds the wait for a free place in the pool.
            return Optional.of(probe.get(timeout.toMillis() * 4 + 1_000, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            probe.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an MX probe failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing MX hosts", e);
        }
    }
}
