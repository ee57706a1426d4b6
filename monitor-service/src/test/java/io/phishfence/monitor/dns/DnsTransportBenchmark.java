package io.phishfence.monitor.dns;

import com.sun.management.OperatingSystemMXBean;
import io.phishfence.testing.TestDnsServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.io.DefaultIoClientFactory;

/**
 * The monitor's plain DNS questions through its {@link Dns}, once over dnsjava's own transport (the baseline) and
 * once over {@link BlockingDnsTransport}, in alternated rounds in one JVM, from as many threads as the monitor runs
 * checks, against the test DNS server on loopback. Prints each round's questions/s and CPU per question of the whole
 * process (client and server), then the median ratio. Not a test: run by {@code bench/dns-transport.sh}.
 *
 * <p>Arguments: domains per round (default 10000), threads (16), rounds of each transport (4).
 */
public final class DnsTransportBenchmark {

    private static final int QUESTIONS_PER_DOMAIN = 6;

    public static void main(String[] args) throws Exception {
        int domains = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (var server = TestDnsServer.start()) {
            for (int i = 0; i < domains; i++) {
                String domain = domain(i);
                server.addTxt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tlsrpt@reports.example");
                server.addTxt(domain, "v=spf1 mx -all");
                server.add(domain, "MX", "10 mx." + domain + ".");
                server.add("mx." + domain, "A", "192.0.2.25");
                server.add("mx." + domain, "AAAA", "2001:db8::25");
                server.addTxt("_dmarc." + domain, "v=DMARC1; p=reject");
            }
            System.out.printf("%d domains x %d questions per round, %d threads, %d rounds of each transport "
                    + "(the first of each warms up)%n", domains, QUESTIONS_PER_DOMAIN, threads, rounds);
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double nio = round("dnsjava's transport", server, domains, threads, false);
                double blocking = round("blocking transport ", server, domains, threads, true);
                if (round > 0) {
                    ratios.add(blocking / nio);
                }
            }
            ratios.sort(null);
            System.out.printf("median CPU per question, blocking / dnsjava's: %.2f (rounds after the first: %s)%n",
                    ratios.get(ratios.size() / 2), ratios.stream().map(r -> String.format("%.2f", r)).toList());
        }
    }

    /** @return the process's CPU per question, in µs */
    private static double round(String name, TestDnsServer server, int domains, int threads, boolean blocking)
            throws Exception {
        var resolver = Dns.resolver(server.address(), Duration.ofSeconds(5));
        if (!blocking) {
            ((SimpleResolver) resolver).setIoClientFactory(new DefaultIoClientFactory());
        }
        var dns = new Dns(resolver);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var failed = new AtomicInteger();
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        var checks = new ArrayList<Future<?>>();
        for (int i = 0; i < domains; i++) {
            String domain = domain(i);
            checks.add(pool.submit(() -> {
                count(failed, dns.txt("_smtp._tls." + domain));
                count(failed, dns.txt(domain));
                count(failed, dns.mx(domain));
                count(failed, dns.addresses("mx." + domain));
                count(failed, dns.txt("_dmarc." + domain));
            }));
        }
        for (var check : checks) {
            check.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (cpuNanos() - cpuStart) / 1e3;
        pool.shutdown();
        long questions = (long) domains * QUESTIONS_PER_DOMAIN;
        System.out.printf("%s: %,d questions in %.2f s = %,.0f questions/s; CPU %.0f µs per question; %d failed%n",
                name, questions, seconds, questions / seconds, cpuMicros / questions, failed.get());
        return cpuMicros / questions;
    }

    private static void count(AtomicInteger failed, DnsAnswer<?> answer) {
        if (!(answer instanceof DnsAnswer.Found<?> found) || found.values().isEmpty()) {
            failed.incrementAndGet();
        }
    }

    private static String domain(int i) {
        return "d" + i + ".transport.example";
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
