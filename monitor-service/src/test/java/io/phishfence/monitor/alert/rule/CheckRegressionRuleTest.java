package io.phishfence.monitor.alert.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.DomainChecked;
import io.phishfence.events.DomainChecked.Component;
import io.phishfence.events.DomainChecked.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckRegressionRuleTest {

    static final CheckRegressionRule RULE = new CheckRegressionRule(Set.of("MTA_STS_MX_NOT_COVERED"));

    static DomainChecked check(Finding... stsFindings) {
        return DomainChecked.of("t1", "example.com", Instant.parse("2026-11-29T05:00:00Z"), 12, "schedule",
                List.of(new Component("tls-rpt", "ok", List.of()), new Component("mta-sts", "error", List.of(stsFindings))),
                List.of());
    }

    static final Finding UNREACHABLE = new Finding("MTA_STS_POLICY_UNREACHABLE", "error", "The policy cannot be fetched.",
            null);
    static final Finding NOT_COVERED = new Finding("MTA_STS_MX_NOT_COVERED", "warning", "mx2 is not covered.",
            "mx: mx2.example.com");
    static final Finding TESTING = new Finding("MTA_STS_MODE_TESTING", "warning", "Testing mode.", null);

    @Test
    void errorsAndListedWarningsAlertOtherWarningsDoNot() {
        assertEquals(List.of("MTA_STS_POLICY_UNREACHABLE", "MTA_STS_MX_NOT_COVERED"),
                List.copyOf(RULE.alerting(check(UNREACHABLE, TESTING, NOT_COVERED)).keySet()));
    }

    @Test
    void onlyNewAlertingCodesAreRegressions() {
        var alerts = RULE.regressions(check(UNREACHABLE, NOT_COVERED), Set.of("MTA_STS_POLICY_UNREACHABLE"));
        assertEquals(1, alerts.size());
        var alert = alerts.get(0);
        assertEquals("MTA_STS_MX_NOT_COVERED", alert.subject());
        assertEquals(AlertRaised.WARNING, alert.severity());
        assertEquals("2026-11-29T05:00:00Z", alert.occurrence());
        assertEquals("mx: mx2.example.com", alert.evidence().get(3).value());
    }

    @Test
    void anErrorIsCritical() {
        assertEquals(AlertRaised.CRITICAL, RULE.regressions(check(UNREACHABLE), Set.of()).get(0).severity());
    }

    @Test
    void nothingNewNothingRaised() {
        assertEquals(List.of(), RULE.regressions(check(TESTING), Set.of()));
    }
}
