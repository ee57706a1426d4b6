package io.phishfence.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rule found a problem worth telling a customer about. Key: {@code tenantId/domain} on {@link Topics#ALERTS}.
 * Carries everything a notice needs, so that a consumer renders it without asking the monitor.
 *
 * @param alertId the alert's identity, {@link #identity}: the same problem raised again (a replay) has the
 *        same id; consumers store an alert once per id and severity
 * @param rule one of the {@code RULE_*} names
 * @param subject what the rule is about within the domain: a result type, a sending organization, a finding
 *        code, or empty
 * @param occurrence which occurrence: the UTC day ({@code 2026-11-28}) for day rules, the instant the
 *        condition was first seen for state rules
 * @param severity {@link #WARNING} or {@link #CRITICAL}; a higher severity for the same id is an escalation
 * @param evidence the numbers and names behind the alert, in the order to show them
 * @param advice what to do, in a sentence or two
 */
public record AlertRaised(int v, String tenantId, String domain, String alertId, String rule, String subject,
        String occurrence, String severity, Instant raisedAt, String title, String summary, List<Evidence> evidence,
        String advice) implements Event {

    public static final String TYPE = "alert.raised";

    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public static final String RULE_FAILURE_SPIKE = "failure-spike";
    public static final String RULE_NEW_FAILURE_TYPE = "new-failure-type";
    public static final String RULE_SENDER_WIDE_FAILURE = "sender-wide-failure";
    public static final String RULE_REPORTS_STOPPED = "reports-stopped";
    public static final String RULE_CHECK_REGRESSION = "check-regression";

    public AlertRaised {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        subject = subject == null ? "" : subject;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static AlertRaised of(String tenantId, String domain, String rule, String subject, String occurrence,
            String severity, Instant raisedAt, String title, String summary, List<Evidence> evidence, String advice) {
        return new AlertRaised(1, tenantId, domain, identity(tenantId, domain, rule, subject, occurrence), rule,
                subject, occurrence, severity, raisedAt, title, summary, evidence, advice);
    }

    /** {@code tenant/domain/rule/subject/occurrence}: what makes two alerts the same alert. */
    public static String identity(String tenantId, String domain, String rule, String subject, String occurrence) {
        return String.join("/", tenantId, domain, rule, subject == null ? "" : subject, occurrence);
    }

    /** Whether {@code severity} is worse than {@code than} ({@link #CRITICAL} over {@link #WARNING}). */
    public static boolean isWorse(String severity, String than) {
        return CRITICAL.equals(severity) && !CRITICAL.equals(than);
    }

    public String key() {
        return Topics.domainKey(tenantId, domain);
    }

    /** One fact behind an alert, such as "Failed sessions" = "240 of 1,200 (20.0%)". */
    public record Evidence(String label, String value) {
    }
}
