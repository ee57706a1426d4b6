package io.phishfence.monitor.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.testing.TestDnsServer;
import io.phishfence.testing.ZoneKey;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
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

        long started = startedThreads();
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

        long started = startedThreads();
        for (int i = 0; i < QUESTIONS; i++) {
            assertEquals(ValidatingDns.Security.SECURE,
                    dns.ask("signed.threads.example", Type.TXT, r -> r.rdataToString()).security());
        }
        assertFewThreadsStartedSince(started);
    }

    private static long startedThreads() {
        return ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
    }

    private static void assertFewThreadsStartedSince(long started) {
        long more = startedThreads() - started;
        assertTrue(more <= AT_MOST_STARTED, more + " threads started for " + QUESTIONS + " questions");
    }
}
