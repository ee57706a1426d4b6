package io.phishfence.monitor.tlsrpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.ComponentResult.Status;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.testing.TestDnsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TLS-RPT check against a real DNS server on loopback, asked real queries by dnsjava. */
class TlsRptCheckTest {

    static final String MAILTO = "mailto:tok123@reports.phishfence.example";
    static final String HTTPS = "https://ingest.phishfence.example/tlsrpt/tok123";
    static TestDnsServer dns;
    static TlsRptCheck check;

    @BeforeAll
    static void zones() throws Exception {
        dns = TestDnsServer.start();
        dns.addTxt("_smtp._tls.good.example", "v=TLSRPTv1; rua=" + MAILTO);
        dns.addTxt("_smtp._tls.elsewhere.example", "v=TLSRPTv1; rua=mailto:reports@elsewhere.example");
        dns.addTxt("_tlsrpt.misplaced.example", "v=TLSRPTv1; rua=" + MAILTO);
        dns.addTxt("_smtp._tls.twice.example", "v=TLSRPTv1; rua=" + MAILTO);
        dns.addTxt("_smtp._tls.twice.example", "v=TLSRPTv1; rua=" + HTTPS);
        dns.addTxt("missing.example", "v=spf1 -all");
        check = new TlsRptCheck(Dns.using(dns.address(), Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    static List<String> codes(ComponentResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    @Test
    void aRecordPointingAtUsIsOk() {
        var result = check.run("good.example", MAILTO, HTTPS);
        assertEquals(Status.OK, result.status(), result.toString());
        assertTrue(result.findings().isEmpty());
    }

    @Test
    void aRecordThatSendsReportsElsewhereIsAWarningWithOurAddressesAdded() {
        var result = check.run("elsewhere.example", MAILTO, HTTPS);
        assertEquals(Status.WARNING, result.status());
        assertEquals(List.of("TLSRPT_RUA_NOT_PHISHFENCE"), codes(result));
        assertEquals("v=TLSRPTv1; rua=" + MAILTO + "," + HTTPS + ",mailto:reports@elsewhere.example",
                result.findings().get(0).fix());
    }

    @Test
    void noRecordIsMissing() {
        var result = check.run("missing.example", MAILTO, HTTPS);
        assertEquals(Status.MISSING, result.status());
        assertEquals(List.of("TLSRPT_RECORD_MISSING"), codes(result));
    }

    @Test
    void aRecordAtAWrongNameIsRecognised() {
        var result = check.run("misplaced.example", MAILTO, HTTPS);
        assertEquals(Status.ERROR, result.status());
        assertEquals(List.of("TLSRPT_WRONG_NAME"), codes(result));
    }

    @Test
    void twoRecordsAreAnError() {
        assertEquals(List.of("TLSRPT_MULTIPLE_RECORDS"), codes(check.run("twice.example", MAILTO, HTTPS)));
    }

    @Test
    void anUnreachableResolverIsOursToRetryNotTheCustomersFault() throws Exception {
        int closedPort;
        try (var socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = new TlsRptCheck(Dns.using("127.0.0.1:" + closedPort, Duration.ofMillis(300)));
        var result = unreachable.run("good.example", MAILTO, HTTPS);
        assertEquals(List.of("TLSRPT_DNS_FAILED"), codes(result));
        assertEquals(Status.WARNING, result.status());
    }
}
