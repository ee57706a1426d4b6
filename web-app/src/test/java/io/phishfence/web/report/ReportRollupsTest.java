package io.phishfence.web.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.events.tlsrpt.FailureDetail;
import io.phishfence.events.tlsrpt.Policy;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportRollupsTest {

    private static FailureDetail detail(String type, String mx, String ip, long count) {
        return new FailureDetail(type, null, mx, null, ip, count, null, null);
    }

    @Test
    void sumsFailuresPerResultTypeHostAndIpAcrossPolicies() {
        var policy = new Policy("sts", List.of(), "example.com", List.of());
        var failures = ReportRollups.failuresOf(List.of(
                new PolicyResult(policy, new Summary(1, 5), List.of(detail("certificate-expired", "mx1", "192.0.2.1", 2),
                        detail("certificate-expired", "mx1", "192.0.2.1", 1), detail("starttls-not-supported", null, null, 2))),
                new PolicyResult(policy, new Summary(1, 4), List.of(detail("certificate-expired", "mx1", "192.0.2.1", 4)))));
        assertEquals(Map.of(
                new ReportRollups.FailureKey("certificate-expired", "mx1", "192.0.2.1"), 7L,
                new ReportRollups.FailureKey("starttls-not-supported", "", ""), 2L), failures);
    }
}
