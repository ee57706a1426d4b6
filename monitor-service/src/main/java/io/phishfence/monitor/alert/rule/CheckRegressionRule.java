package io.phishfence.monitor.alert.rule;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertRaised.Evidence;
import io.phishfence.events.DomainChecked;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Regressions and recoveries of a domain's checks. A finding alerts when it is an error (a record missing or
 * invalid, a policy unreachable or invalid, STARTTLS gone, a certificate that fails validation) or its code is
 * one of {@code warningCodes} (a certificate expiring soon, an MX not covered by the policy). A regression is an
 * alerting code that the previous check did not have; a recovery is one that the new check no longer has.
 */
public record CheckRegressionRule(Set<String> warningCodes) {

    public CheckRegressionRule {
        warningCodes = Set.copyOf(warningCodes);
    }

    /** The alerting findings of a check, by code, in the order the check lists them. */
    public Map<String, Located> alerting(DomainChecked check) {
        var found = new LinkedHashMap<String, Located>();
        for (var component : check.components()) {
            for (var finding : component.findings()) {
                if ("error".equals(finding.severity()) || warningCodes.contains(finding.code())) {
                    found.putIfAbsent(finding.code(), new Located(component.name(), finding));
                }
            }
        }
        return found;
    }

    /** The regressions: alerting findings of {@code check} whose codes are not in {@code previousCodes}. */
    public List<Alert> regressions(DomainChecked check, Set<String> previousCodes) {
        var alerts = new ArrayList<Alert>();
        alerting(check).forEach((code, located) -> {
            if (!previousCodes.contains(code)) {
                alerts.add(regression(check, located));
            }
        });
        return alerts;
    }

    private static Alert regression(DomainChecked check, Located located) {
        var finding = located.finding();
        var evidence = new ArrayList<Evidence>();
        evidence.add(new Evidence("Check", located.component()));
        evidence.add(new Evidence("Finding", finding.code()));
        evidence.add(new Evidence("Checked at", check.checkedAt().toString()));
        if (finding.fix() != null) {
            evidence.add(new Evidence("Publish instead", finding.fix()));
        }
        return new Alert(AlertRaised.RULE_CHECK_REGRESSION, finding.code(), check.checkedAt().toString(),
                "error".equals(finding.severity()) ? AlertRaised.CRITICAL : AlertRaised.WARNING,
                located.component().toUpperCase(java.util.Locale.ROOT) + " of " + check.domain() + " regressed",
                finding.message(), evidence,
                finding.fix() != null ? "Publish the record or file shown under \"Publish instead\", then press "
                        + "\"Check now\" on the domain page."
                        : "The domain page shows the finding and how to fix it; press \"Check now\" once fixed.");
    }

    /** A finding and the component that found it. */
    public record Located(String component, DomainChecked.Finding finding) {
    }
}
