package io.phishfence.monitor.spf;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The SPF check against a real DNS server on loopback: includes are followed and their look-ups counted. */
class SpfCheckTest {

    static TestDnsServer dns;
    static SpfCheck check;

    @BeforeAll
    static void zones() throws Exception {
        dns = TestDnsServer.start();
        dns.addTxt("good.example", "v=spf1 mx include:_spf.provider.example -all");
        dns.addTxt("_spf.provider.example", "v=spf1 ip4:192.0.2.0/24 ~all");
        dns.addTxt("passall.example", "v=spf1 mx +all");
        dns.addTxt("neutral.example", "v=spf1 mx ?all");
        dns.addTxt("noall.example", "v=spf1 mx");
        dns.addTxt("twice.example", "v=spf1 -all");
        dns.addTxt("twice.example", "v=spf1 mx -all");
        dns.addTxt("typo.example", "v=spf1 mx ipv4:192.0.2.1 -all");
        dns.addTxt("broken.example", "v=spf1 include:nothing.example -all");
        // Eleven look-ups: a, mx and nine includes, each of which costs one more.
        var many = new StringBuilder("v=spf1 a mx");
        for (int i = 0; i < 9; i++) {
            many.append(" include:p").append(i).append(".example");
            dns.addTxt("p" + i + ".example", "v=spf1 ip4:198.51.100." + i + " -all");
        }
        dns.addTxt("many.example", many + " -all");
        dns.addTxt("voids.example", "v=spf1 a:gone1.example mx:gone2.example/24 exists:gone3.example ip4:192.0.2.1 -all");
        dns.addTxt("twovoids.example", "v=spf1 a:gone1.example mx:gone2.example ip4:192.0.2.1 -all");
        check = new SpfCheck(Dns.using(dns.address(), Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    static List<String> codes(ComponentResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    @Test
    void aStrictRecordWithAnIncludeIsOk() {
        assertEquals(Status.OK, check.run("good.example").status());
    }

    @Test
    void everyCommonMistakeIsNamed() {
        assertEquals(List.of("SPF_PASS_ALL"), codes(check.run("passall.example")));
        assertEquals("v=spf1 mx -all", check.run("passall.example").findings().get(0).fix());
        assertEquals(List.of("SPF_NEUTRAL_ALL"), codes(check.run("neutral.example")));
        assertEquals(List.of("SPF_NO_ALL"), codes(check.run("noall.example")));
        assertEquals(List.of("SPF_MULTIPLE_RECORDS"), codes(check.run("twice.example")));
        assertEquals(List.of("SPF_SYNTAX"), codes(check.run("typo.example")));
        assertEquals(List.of("SPF_INCLUDE_BROKEN"), codes(check.run("broken.example")));
        assertEquals(Status.MISSING, check.run("none.example").status());
    }

    @Test
    void moreThanTenLookupsFail() {
        assertEquals(List.of("SPF_TOO_MANY_LOOKUPS"), codes(check.run("many.example")));
    }

    @Test
    void moreThanTwoVoidLookupsFail() {
        var result = check.run("voids.example");
        assertEquals(List.of("SPF_TOO_MANY_VOID_LOOKUPS"), codes(result));
        assertEquals(true, result.findings().get(0).message().contains("gone1.example, gone2.example, gone3.example"));
        assertEquals(Status.OK, check.run("twovoids.example").status());
    }
}
