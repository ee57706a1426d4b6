package io.phishfence.system.bench;

import io.phishfence.devstack.KafkaBroker;
import io.phishfence.devstack.PostgresServer;
import io.phishfence.devstack.TopicCreator;
import io.phishfence.events.CheckRequested;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.DomainUpserted;
import io.phishfence.events.Event;
import io.phishfence.events.EventJson;
import io.phishfence.events.EventSerializer;
import io.phishfence.events.Topics;
import io.phishfence.system.MonitorProcess;
import io.phishfence.testing.TestCa;
import io.phishfence.testing.TestDnsServer;
import io.phishfence.testing.ZoneKey;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The monitor benchmark (bench/monitor-checks.sh; docs/benchmarks.md): one monitor-service process from the
 * packaged jar, against a real Kafka broker and PostgreSQL, a {@link TestDnsServer} serving a complete stack for
 * each of N generated domains (TLS-RPT, MTA-STS with its policy host, MX, SPF with an include, DMARC, a DKIM key,
 * BIMI) and one {@link SniPolicyHost}. Measures the scheduled first pass and "Check now" for every domain, then the
 * same DNS questions through dnsjava alone. Not a test: it prints figures.
 *
 * <p>Arguments: {@code <domains> <monitor heap> <concurrency>}, e.g. {@code 10000 512m 16}.
 */
public final class MonitorBench {

    static final String TENANT = "tenant-bench";

    private MonitorBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String heap = args.length > 1 ? args[1] : "512m";
        String concurrency = args.length > 2 ? args[2] : "16";
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-").toAbsolutePath();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            domains.add("d" + i + ".bench.example");
        }
        if (System.getenv().getOrDefault("BENCH_DNS_ONLY", "").equals("1")) {
            dnsAlone(domains, Integer.parseInt(concurrency));
            return;
        }
        // The servers' TLS is BoringSSL's, as real web servers and MTAs use OpenSSL, unless it does not load here.
        boolean nativeTls = OpenSSLEngineOptions.isAvailable();
        SSLEngineOptions engine = nativeTls ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
        TestCa.KeyAlgorithm caAlgorithm = caAlgorithm();
        try (var postgres = PostgresServer.start(home.resolve("postgres"), 0);
                var kafka = KafkaBroker.start(home.resolve("kafka"), 0, 0, "512m");
                var dns = TestDnsServer.start();
                var policyHost = SniPolicyHost.start(home, engine, caAlgorithm);
                // One SMTP server with STARTTLS is every domain's MX; its certificate is issued for the name SNI asks.
                var mailServer = StartTlsMx.start(policyHost.keyManager(), engine)) {
            int smtpPort = mailServer.port();
            TopicCreator.createMissing(kafka.bootstrapServers(), (short) 1);
            zones(dns, domains, policyHost.port());
            System.out.printf("%d domains, %d DNS names served; monitor -Xmx%s, concurrency %s; bench servers' TLS: %s; "
                    + "certificate chains signed by the CA with %s%n", count, domains.size() * 10 + 1, heap, concurrency,
                    nativeTls ? "BoringSSL" : "JDK", caAlgorithm == TestCa.KeyAlgorithm.RSA_2048
                            ? "RSA 2048 (as most public MX and web chains; BENCH_CA=ec for ECDSA P-256)"
                            : "ECDSA P-256 (BENCH_CA=ec; the default is RSA 2048)");
            try (var monitor = MonitorProcess.start("monitor-bench", home, heap, Map.ofEntries(
                    Map.entry("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl()),
                    Map.entry("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER),
                    Map.entry("QUARKUS_DATASOURCE_PASSWORD", postgres.password()),
                    Map.entry("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
                    Map.entry("PHISHFENCE_MONITOR_DNS_SERVER", dns.address()),
                    Map.entry("PHISHFENCE_MONITOR_MTA_STS_PORT", Integer.toString(policyHost.port())),
                    Map.entry("PHISHFENCE_MONITOR_TLS_TRUST_STORE", policyHost.caPem().toString()),
                    Map.entry("PHISHFENCE_MONITOR_ALLOWED_PRIVATE_NETWORKS", "127.0.0.0/8"),
                    Map.entry("PHISHFENCE_MONITOR_SMTP_PORT", Integer.toString(smtpPort)),
                    // The generated zones are unsigned and outside this anchor: DNSSEC says insecure, as for most
                    // real domains (the root's anchors would make every answer bogus, as the test server is no root).
                    Map.entry("PHISHFENCE_MONITOR_DNSSEC_TRUST_ANCHORS", ZoneKey.generate("anchor.invalid").trustAnchor()),
                    Map.entry("PHISHFENCE_MONITOR_INTERVAL", "24h"),
                    Map.entry("PHISHFENCE_MONITOR_CONCURRENCY", concurrency)), monitorJvmOptions()).awaitReady(Duration.ofMinutes(5));
                    var results = new Results(kafka.bootstrapServers());
                    var producer = new KafkaProducer<String, Event>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                            ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new EventSerializer())) {
                results.start();
                // Scheduled: the domains arrive on phishfence.domains and are first checked within a minute each.
                long start = System.nanoTime();
                for (String domain : domains) {
                    var event = DomainUpserted.of(TENANT, domain, Instant.now(), List.of("s1"));
                    producer.send(new ProducerRecord<>(Topics.DOMAINS, event.key(), event));
                }
                producer.flush();
                results.await("schedule", count);
                report("scheduled first pass (spread over the first minute by design)", count, start, results, "schedule");

                // On demand: "Check now" for every domain at once; this is the monitor's throughput. Repeated
                // (BENCH_ROUNDS, default 3): on two cores the JIT compilers take minutes at first (4.0 min of compile
                // time in the monitor and 3.4 min in the bench's JVM during a 2,000-domain run), so the later rounds
                // show the rate of a monitor that has been running for a while, as a deployed one has.
                int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));
                for (int round = 1; round <= rounds; round++) {
                    checkNow(round, domains, producer, results, dns, monitor.pid(), kafka.pid());
                }
                System.out.printf("monitor peak resident memory (VmHWM): %s; heap limit -Xmx%s%n",
                        peakResident(monitor.pid()), heap);
                results.close();
                rawDns(dns, domains, Integer.parseInt(concurrency));
                rawDns(dns, domains, Integer.parseInt(concurrency), WHERE_ANSWERED);
            }
        }
    }

    /** One round of "check now" for every domain: the rate, and the CPU per domain of each process. */
    static void checkNow(int round, List<String> domains, KafkaProducer<String, Event> producer, Results results,
            TestDnsServer dns, long monitorPid, long brokerPid) throws Exception {
        int count = domains.size();
        results.forget("request");
        dns.clearQuestions();
        double cpuBefore = cpuSeconds(monitorPid);
        double benchCpuBefore = cpuSeconds(ProcessHandle.current().pid());
        double brokerCpuBefore = cpuSeconds(brokerPid);
        double machineCpuBefore = machineBusySeconds();
        long start = System.nanoTime();
        for (String domain : domains) {
            var request = CheckRequested.of(TENANT, domain, Instant.now());
            producer.send(new ProducerRecord<>(Topics.CHECK_REQUESTS, request.key(), request));
        }
        producer.flush();
        results.await("request", count);
        report("check now, round " + round + ", every domain", count, start, results, "request");
        // CPU time depends far less on what else runs on the machine than wall-clock time does.
        double cpu = cpuSeconds(monitorPid) - cpuBefore;
        System.out.printf("  monitor CPU time: %.1f s = %.1f ms per domain%n", cpu, cpu * 1000 / count);
        // What the rest costs per domain: the bench's own servers (DNS, HTTPS, SMTP, all in this JVM, with the
        // results consumer), the broker, and the whole machine (PostgreSQL and the kernel included).
        System.out.printf("  CPU per domain: bench servers %.1f ms, broker %.1f ms, whole machine %.1f ms%n",
                (cpuSeconds(ProcessHandle.current().pid()) - benchCpuBefore) * 1000 / count,
                (cpuSeconds(brokerPid) - brokerCpuBefore) * 1000 / count,
                (machineBusySeconds() - machineCpuBefore) * 1000 / count);
        long questions = dns.questionCount();
        System.out.printf("  DNS questions: %d (%.1f per domain)%n", questions, (double) questions / count);
    }

    /**
     * What the bench CA signs with: RSA 2048 unless {@code BENCH_CA=ec}. Most certificates a monitor meets on real MX
     * and policy hosts chain to RSA intermediates (Let's Encrypt R10/R11, Google Trust Services, DigiCert); an ECDSA
     * P-256 chain costs a client far more to verify on Java 17, whose P-256 is pure Java.
     */
    static TestCa.KeyAlgorithm caAlgorithm() {
        String chosen = System.getenv().getOrDefault("BENCH_CA", "rsa").strip().toLowerCase(java.util.Locale.ROOT);
        return switch (chosen) {
            case "rsa" -> TestCa.KeyAlgorithm.RSA_2048;
            case "ec" -> TestCa.KeyAlgorithm.EC_P256;
            default -> throw new IllegalArgumentException("BENCH_CA is rsa or ec, not " + chosen);
        };
    }

    /**
     * Only the last phase, the DNS questions through dnsjava alone ({@code BENCH_DNS_ONLY=1}), at the given number of
     * threads and at 64: the test DNS server's own ceiling, without starting the rest of the stack.
     */
    static void dnsAlone(List<String> domains, int threads) throws Exception {
        try (var dns = TestDnsServer.start()) {
            zones(dns, domains, 443);
            System.out.printf("%d domains; dnsjava alone against the test DNS server only; a first round warms up%n",
                    domains.size());
            rawDns(dns, domains, threads);
            rawDns(dns, domains, threads);
            if (threads != 64) {
                rawDns(dns, domains, 64);
            }
            rawDns(dns, domains, threads, WHERE_ANSWERED);
            if (threads != 64) {
                rawDns(dns, domains, 64, WHERE_ANSWERED);
            }
        }
    }

    /**
     * dnsjava continues each query on the thread its answer arrives on, its selector's, as the monitor's {@code Dns}
     * did until it asked on its own threads (session 9: {@code bench/dns-transport.sh} compares the two).
     */
    static final Executor WHERE_ANSWERED = Runnable::run;

    /** Extra options of the monitor's JVM, e.g. a flight recording: {@code MONITOR_JVM_OPTIONS="-XX:StartFlightRecording=..."}. */
    static String[] monitorJvmOptions() {
        String options = System.getenv().getOrDefault("MONITOR_JVM_OPTIONS", "").strip();
        return options.isEmpty() ? new String[0] : options.split("\\s+");
    }

    /** Every name a complete stack needs, all answering: the checks take their full path. */
    static void zones(TestDnsServer dns, List<String> domains, int httpsPort) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String key = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        dns.addTxt("_spf.bench.example", "v=spf1 ip4:192.0.2.0/24 -all");
        for (String domain : domains) {
            Name name = Name.fromString(domain + ".");
            Name mx = Name.fromString("mx." + domain + ".");
            dns.add(new MXRecord(name, DClass.IN, 300, 10, mx));
            dns.add(new ARecord(mx, DClass.IN, 300, loopback));
            dns.add(new ARecord(Name.fromString("mta-sts." + domain + "."), DClass.IN, 300, loopback));
            dns.addTxt(domain, "v=spf1 mx include:_spf.bench.example -all");
            dns.addTxt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tlsrpt@bench.example");
            dns.addTxt("_mta-sts." + domain, "v=STSv1; id=20261129");
            dns.addTxt("_dmarc." + domain, "v=DMARC1; p=reject; rua=mailto:dmarc@bench.example");
            dns.addTxt("s1._domainkey." + domain, "v=DKIM1; k=rsa; p=" + key);
            dns.add(new ARecord(Name.fromString("www." + domain + "."), DClass.IN, 300, loopback));
            String site = "https://www." + domain + ":" + httpsPort;
            dns.addTxt("default._bimi." + domain, "v=BIMI1; l=" + site + "/logo.svg; a=" + site + "/vmc.pem");
        }
    }

    static void report(String what, int count, long startNanos, Results results, String trigger) {
        double seconds = (results.lastAt(trigger) - startNanos) / 1e9;
        System.out.printf("%s: %d domains in %.1f s = %.0f domains/s; check time median %d ms, p99 %d ms%n", what,
                count, seconds, count / seconds, results.percentile(trigger, 50), results.percentile(trigger, 99));
        System.out.println("  component statuses: " + results.statuses(trigger));
    }

    /** The questions one check asks of a complete stack, through dnsjava as {@code Dns} asks them: no cache. */
    static void rawDns(TestDnsServer dns, List<String> domains, int threads) throws Exception {
        rawDns(dns, domains, threads, null);
    }

    /**
     * @param callbacks where dnsjava continues a query once its answer is in, as the monitor's {@code Dns} has it
     *        do; null for dnsjava's default ({@code ForkJoinPool.commonPool()}, which is a new thread per task on a
     *        machine of two cores)
     */
    static void rawDns(TestDnsServer dns, List<String> domains, int threads, Executor callbacks) throws Exception {
        var resolver = callbacks == null ? new SimpleResolver(InetAddress.getByName("127.0.0.1"))
                : new SimpleResolver(InetAddress.getByName("127.0.0.1")) {
                    @Override
                    public java.util.concurrent.CompletionStage<org.xbill.DNS.Message> sendAsync(
                            org.xbill.DNS.Message query) {
                        return sendAsync(query, callbacks);
                    }
                };
        resolver.setPort(dns.port());
        resolver.setTimeout(Duration.ofSeconds(5));
        List<Object[]> perDomain = List.of(new Object[] {"", Type.MX}, new Object[] {"_smtp._tls.", Type.TXT},
                new Object[] {"_mta-sts.", Type.TXT}, new Object[] {"mta-sts.", Type.A}, new Object[] {"mta-sts.", Type.AAAA},
                new Object[] {"", Type.TXT}, new Object[] {"_spf.bench.example", Type.TXT}, new Object[] {"", Type.MX},
                new Object[] {"_dmarc.", Type.TXT}, new Object[] {"s1._domainkey.", Type.TXT},
                new Object[] {"default._bimi.", Type.TXT},
                // The BIMI logo and mark certificate, each fetched after its host's addresses were looked up.
                new Object[] {"www.", Type.A}, new Object[] {"www.", Type.AAAA}, new Object[] {"www.", Type.A},
                new Object[] {"www.", Type.AAAA});
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var failures = new AtomicInteger();
        var asked = new AtomicLong();
        long start = System.nanoTime();
        double cpuBefore = cpuSeconds(ProcessHandle.current().pid());
        double kernelBefore = kernelCpuSeconds(ProcessHandle.current().pid());
        double serverCpuBefore = dnsServerCpuSeconds();
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        for (String domain : domains) {
            futures.add(pool.submit(() -> {
                for (Object[] question : perDomain) {
                    String prefix = (String) question[0];
                    String name = prefix.endsWith(".") || prefix.isEmpty() ? prefix + domain : prefix;
                    try {
                        var lookup = new Lookup(Name.fromString(name + "."), (int) question[1]);
                        lookup.setResolver(resolver);
                        lookup.setCache(null);
                        lookup.run();
                        if (lookup.getResult() == Lookup.TRY_AGAIN || lookup.getResult() == Lookup.UNRECOVERABLE) {
                            failures.incrementAndGet();
                        }
                        asked.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (var future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // The client and the server share this process; their CPU per question depends far less on the load.
        double cpu = cpuSeconds(ProcessHandle.current().pid()) - cpuBefore;
        double kernel = kernelCpuSeconds(ProcessHandle.current().pid()) - kernelBefore;
        double serverCpu = dnsServerCpuSeconds() - serverCpuBefore;
        pool.shutdown();
        System.out.printf("dnsjava alone, %d threads%s: %d questions (%d per domain) in %.1f s = %.0f questions/s = "
                + "%.0f domains/s; %d failed; CPU per question: %.0f µs in all (dnsjava, the test DNS server, JIT, GC; "
                + "%.0f µs of it in the kernel), %.0f µs in the DNS server's threads%n", threads,
                callbacks == null ? "" : ", continued where answered", asked.get(),
                perDomain.size(), seconds, asked.get() / seconds, domains.size() / seconds, failures.get(),
                cpu * 1e6 / asked.get(), kernel * 1e6 / asked.get(), serverCpu * 1e6 / asked.get());
    }

    /** CPU time so far of the test DNS server's threads in this process (named {@code dns-...}). */
    static double dnsServerCpuSeconds() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("dns-")) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    /** User plus system CPU time of a process so far, from /proc (Linux). */
    static double cpuSeconds(long pid) throws java.io.IOException {
        String[] fields = statFields(pid);
        // Fields 14 and 15 of stat (utime, stime), counted after the command name: 12 and 13 here, in clock ticks.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * Busy CPU time of the whole machine so far, all cores, from the first line of /proc/stat: user, nice, system,
     * irq and softirq (not idle, not I/O wait, not time stolen by the hypervisor).
     */
    static double machineBusySeconds() throws java.io.IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long ticks = 0;
        for (int field : new int[] {1, 2, 3, 6, 7}) {
            ticks += Long.parseLong(cpu[field]);
        }
        return ticks / 100.0;
    }

    /** System (kernel) CPU time of a process so far: stime alone. */
    static double kernelCpuSeconds(long pid) throws java.io.IOException {
        return Long.parseLong(statFields(pid)[12]) / 100.0;
    }

    private static String[] statFields(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    static String peakResident(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).map(line -> line.substring(6).strip()).findFirst()
                    .orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Follows phishfence.domain-checks: when each trigger's results arrived, their durations and statuses. */
    static final class Results extends Thread implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Set<String>> domains = new HashMap<>();
        private final Map<String, List<Long>> durations = new HashMap<>();
        private final Map<String, Map<String, Integer>> statuses = new HashMap<>();
        private final Map<String, Long> lastAt = new HashMap<>();
        private volatile boolean running = true;

        Results(String bootstrap) {
            super("bench-results");
            setDaemon(true);
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new ByteArrayDeserializer());
            consumer.subscribe(List.of(Topics.DOMAIN_CHECKS));
        }

        @Override
        public void run() {
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    var check = (DomainChecked) EventJson.read(record.value());
                    synchronized (this) {
                        String trigger = check.trigger();
                        if (domains.computeIfAbsent(trigger, t -> new HashSet<>()).add(check.domain())) {
                            durations.computeIfAbsent(trigger, t -> new ArrayList<>()).add(check.durationMillis());
                            for (var component : check.components()) {
                                statuses.computeIfAbsent(trigger, t -> new TreeMap<>())
                                        .merge(component.name() + "=" + component.status(), 1, Integer::sum);
                                // What went wrong, when something did: a slow policy host shows as its finding.
                                component.findings().stream().filter(f -> f.severity().equals("error"))
                                        .forEach(f -> statuses.get(trigger).merge(f.code(), 1, Integer::sum));
                            }
                            lastAt.put(trigger, System.nanoTime());
                            notifyAll();
                        }
                    }
                }
            }
            consumer.close();
        }

        /** Starts counting a trigger's results afresh, for another round. */
        synchronized void forget(String trigger) {
            domains.remove(trigger);
            durations.remove(trigger);
            statuses.remove(trigger);
            lastAt.remove(trigger);
        }

        synchronized void await(String trigger, int count) throws InterruptedException {
            while (domains.getOrDefault(trigger, Set.of()).size() < count) {
                wait(1000);
            }
        }

        synchronized long lastAt(String trigger) {
            return lastAt.get(trigger);
        }

        synchronized long percentile(String trigger, int percent) {
            var sorted = new ArrayList<>(durations.get(trigger));
            sorted.sort(null);
            return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
        }

        synchronized Map<String, Integer> statuses(String trigger) {
            return statuses.get(trigger);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            join();
        }
    }
}
