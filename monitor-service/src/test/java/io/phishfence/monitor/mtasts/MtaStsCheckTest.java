package io.phishfence.monitor.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.ComponentResult.Status;
import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.Dns;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole MTA-STS pipeline against the DNS server and HTTPS policy hosts of {@link PolicyHosts}. */
class MtaStsCheckTest {

    static MtaStsCheck check;

    @BeforeAll
    static void servers() throws Exception {
        PolicyHosts.start();
        PolicyHosts.dns.addTxt("_mta-sts.good.example", "v=STSv1; id=20261129");
        PolicyHosts.dns.addTxt("_mta-sts.redirect.example", "v=STSv1; id=1");
        check = new MtaStsCheck(Dns.using(PolicyHosts.dns.address(), Duration.ofSeconds(10)),
                PolicyHosts.fetcher, Clock.systemUTC());
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        PolicyHosts.stop();
    }

    static List<String> codes(ComponentResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    @Test
    void aValidPolicyCoveringEveryMxIsOk() {
        var result = check.run("good.example", List.of("mx.good.example"));
        assertEquals(Status.OK, result.status(), result.toString());
    }

    @Test
    void anMxTheEnforcedPolicyDoesNotCoverIsAnErrorWithTheFullPolicyAsFix() {
        var result = check.run("good.example", List.of("mx.good.example", "backup.mail.example"));
        assertEquals(Status.ERROR, result.status());
        assertEquals(List.of("MTA_STS_MX_NOT_COVERED"), codes(result));
        assertEquals("version: STSv1\r\nmode: testing\r\nmx: mx.good.example\r\nmx: backup.mail.example\r\nmax_age: 604800\r\n",
                result.findings().get(0).fix());
    }

    @Test
    void noRecordIsMissing() {
        assertEquals(Status.MISSING, check.run("nothing.example", List.of("mx.nothing.example")).status());
    }

    @Test
    void aRecordWhosePolicyCannotBeFetchedIsAnError() {
        var result = check.run("redirect.example", List.of("mx.redirect.example"));
        assertEquals(Status.ERROR, result.status());
        assertEquals(List.of("MTA_STS_POLICY_REDIRECT"), codes(result));
    }
}
