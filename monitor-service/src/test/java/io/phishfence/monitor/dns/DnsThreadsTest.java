package io.phishfence.monitor.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.testing.TestDnsServer;
import io.phishfence.testing.ZoneKey;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * DNS questions, plain and validated, against a real DNS server, without a thread started per question: dnsjava's
 * default on a machine of two cores, where each question then also cost a thread's start and end in the kernel.
 */
class DnsThreadsTest {

    private static final int QUESTIONS = 40;
    /** Far fewer than one per question: the callback pool's threads and any the JDK starts on its own. */
    private static final int AT_MOST_STARTED = 10;

    private static TestDnsServer server;
    private static ZoneKey key;

    @BeforeAll
    static void start() throws Exception {
        server = TestDnsServer.start();
        key = ZoneKey.generate("signed.threads.example");
        server.signZone(key);
        server.addTxt("plain.threads.example", "v=spf1 -all");
        server.add("signed.threads.example.", "TXT", "\"v=spf1 -all\"");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void plainQuestionsStartNoThreadEach() {
        var dns = Dns.using(server.address(), Duration.ofSeconds(5));
        assertEquals(List.of("v=spf1 -all"), dns.txt("plain.threads.example").valuesOrEmpty());

        var started = startedThreads();
        for (int i = 0; i < QUESTIONS; i++) {
            assertEquals(List.of("v=spf1 -all"), dns.txt("plain.threads.example").valuesOrEmpty());
        }
        assertFewThreadsStartedSince(started);
    }

    @Test
    void validatedQuestionsStartNoThreadEach() {
        var dns = ValidatingDns.using(server.address(), Duration.ofSeconds(5), List.of(key.trustAnchor()));
        var first = dns.ask("signed.threads.example", Type.TXT, r -> r.rdataToString());
        assertEquals(ValidatingDns.Security.SECURE, first.security(), String.valueOf(first.reason()));

        var started = startedThreads();
        for (int i = 0; i < QUESTIONS; i++) {
            assertEquals(ValidatingDns.Security.SECURE,
                    dns.ask("signed.threads.example", Type.TXT, r -> r.rdataToString()).security());
        }
        assertFewThreadsStartedSince(started);
    }

    /**
     * A validated "no such record" (NODATA, proven by the zone's NSEC) takes a path of dnsjava's validator that
     * continues with {@code handleAsync} and no executor, on {@code ForkJoinPool.commonPool()}. With fewer than two
     * common-pool threads, which is the JDK's default below three cores, {@code CompletableFuture} starts a thread
     * for each such step instead. Every launcher of the services sets the common pool's parallelism to at least 2
     * (ADR 0021), as does this module's surefire configuration; without it this test fails.
     */
    @Test
    void validatedAbsentRecordsStartNoThreadEach() {
        var dns = ValidatingDns.using(server.address(), Duration.ofSeconds(5), List.of(key.trustAnchor()));
        assertEquals(ValidatingDns.Security.SECURE, dns.ask("signed.threads.example", Type.MX, r -> r.rdataToString())
                .security());

        var started = startedThreads();
        for (int i = 0; i < QUESTIONS; i++) {
            var absent = dns.ask("signed.threads.example", Type.MX, r -> r.rdataToString());
            assertEquals(ValidatingDns.Security.SECURE, absent.security(), String.valueOf(absent.reason()));
            assertEquals(List.of(), absent.answer().valuesOrEmpty());
        }
        assertFewThreadsStartedSince(started);
    }

    private static Started startedThreads() {
        return new Started(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount(), liveThreads());
    }

    /**
     * Threads started since, not counting those still alive at the end. A thread started for one step of a question
     * ends with its step, so the threads this test is about are gone by the time the answers are in. What is still
     * alive are pools that grew meanwhile: the test DNS server serves each TCP connection on a thread of its pool, and
     * in CI this test shares its JVM with a Quarkus test application whose scheduled checks start threads of their
     * own ({@code check-step}, session 7: "30 threads started for 40 questions", nearly all of them alive).
     */
    private static void assertFewThreadsStartedSince(Started before) {
        var now = startedThreads();
        var newAndAlive = new HashSet<>(now.liveThreads());
        newAndAlive.removeAll(before.liveThreads());
        long more = now.total() - before.total() - newAndAlive.size();
        assertTrue(more <= AT_MOST_STARTED, () -> more + " threads started and ended for " + QUESTIONS
                + " questions (and " + newAndAlive.size() + " started and still alive); alive now: " + liveThreadNames());
    }

    /** For the failure message: which threads these are, when they are still alive. */
    private static String liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted()
                .collect(Collectors.joining(", "));
    }

    private static Set<Long> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    private record Started(long total, Set<Long> liveThreads) {
    }
}
