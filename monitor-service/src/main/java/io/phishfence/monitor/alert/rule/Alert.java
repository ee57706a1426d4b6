package io.phishfence.monitor.alert.rule;

import io.phishfence.events.AlertRaised;
import java.time.Instant;
import java.util.List;

/**
 * What a rule found, before it is tied to a tenant and a domain: the parts of an {@link AlertRaised}.
 *
 * @param occurrence the UTC day for day rules, the first-seen instant for state rules
 */
public record Alert(String rule, String subject, String occurrence, String severity, String title, String summary,
        List<AlertRaised.Evidence> evidence, String advice) {

    public Alert {
        subject = subject == null ? "" : subject;
        evidence = List.copyOf(evidence);
    }

    public AlertRaised toEvent(String tenantId, String domain, Instant raisedAt) {
        return AlertRaised.of(tenantId, domain, rule, subject, occurrence, severity, raisedAt, title, summary, evidence,
                advice);
    }

    public String identity(String tenantId, String domain) {
        return AlertRaised.identity(tenantId, domain, rule, subject, occurrence);
    }
}
