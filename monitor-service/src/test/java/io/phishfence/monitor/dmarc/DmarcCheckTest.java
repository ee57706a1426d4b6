package io.phishfence.monitor.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.monitor.check.ComponentResult;
import io.phishfence.monitor.check.ComponentResult.Status;
import io.phishfence.monitor.check.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmarcCheckTest {

    static ComponentResult evaluate(String... records) {
        return DmarcCheck.evaluate("example.com", List.of(records));
    }

    static List<String> codes(ComponentResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    @Test
    void anEnforcedPolicyWithReportsIsOk() {
        var result = evaluate("v=DMARC1; p=reject; rua=mailto:d@example.com");
        assertEquals(Status.OK, result.status());
        assertEquals(List.of(), codes(result));
    }

    @Test
    void missingRecordSuggestsMonitoringFirst() {
        var result = evaluate("v=spf1 -all");
        assertEquals(Status.MISSING, result.status());
        assertEquals("v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com", result.findings().get(0).fix());
    }

    @Test
    void pNoneIsAWarningWithTheTightenedRecord() {
        var result = evaluate("v=DMARC1; p=none; rua=mailto:d@example.com");
        assertEquals(List.of("DMARC_POLICY_NONE"), codes(result));
        assertEquals("v=DMARC1; p=quarantine; rua=mailto:d@example.com", result.findings().get(0).fix());
    }

    @Test
    void brokenRecordsAreNamed() {
        assertEquals(List.of("DMARC_MULTIPLE_RECORDS"), codes(evaluate("v=DMARC1; p=reject", "v=DMARC1; p=none")));
        assertEquals(List.of("DMARC_POLICY_INVALID"), codes(evaluate("v=DMARC1; rua=mailto:d@example.com")));
        assertEquals(List.of("DMARC_PCT_PARTIAL", "DMARC_RUA_MISSING"), codes(evaluate("v=DMARC1; p=reject; pct=50")));
        assertEquals(List.of("DMARC_RUA_INVALID"), codes(evaluate("v=DMARC1; p=reject; rua=https://x.example/r")));
    }
}
