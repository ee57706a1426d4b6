package io.phishfence.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The condition behind a raised alert is gone (a check recovered, reports arrive again). Key:
 * {@code tenantId/domain} on {@link Topics#ALERTS}.
 *
 * @param alertId the {@link AlertRaised#alertId()} of the alert this resolves
 */
public record AlertResolved(int v, String tenantId, String domain, String alertId, String rule, String subject,
        Instant resolvedAt, String title, String summary) implements Event {

    public static final String TYPE = "alert.resolved";

    public AlertResolved {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(rule, "rule");
        subject = subject == null ? "" : subject;
    }

    public static AlertResolved of(String tenantId, String domain, String alertId, String rule, String subject,
            Instant resolvedAt, String title, String summary) {
        return new AlertResolved(1, tenantId, domain, alertId, rule, subject, resolvedAt, title, summary);
    }

    public String key() {
        return Topics.domainKey(tenantId, domain);
    }
}
