package io.phishfence.web.api;

import io.phishfence.events.DomainChecked;
import io.phishfence.events.FailureSpikeThresholds;
import io.phishfence.web.domain.Domain;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the API (camelCase, as Jackson writes records). */
public final class ApiViews {

    private ApiViews() {
    }

    /** @param rua the tenant's reporting addresses, as URIs for a TLS-RPT record's {@code rua=} */
    public record TenantView(String name, Rua rua) {
    }

    public record Rua(String https, String mailto) {
    }

    /**
     * @param name the A-label, as every API path takes it
     * @param displayName the name as people read it (U-label)
     * @param verified whether the domain's TLS-RPT record names this tenant's reporting address
     */
    public record DomainView(String name, String displayName, boolean verified, Instant createdAt) {
        static DomainView of(Domain domain, DomainChecked latest) {
            return new DomainView(domain.name, domain.displayName(),
                    io.phishfence.web.domain.DomainVerification.isVerified(latest), domain.createdAt);
        }
    }

    /** {@code {"name": "bücher.example"}}: a U-label or an A-label. */
    public record NewDomain(String name) {
    }

    /**
     * The latest check of a domain; {@code checkedAt} is null and {@code components} empty before the first.
     *
     * @param components one per checked component, status ok|warning|error|missing, each finding with code,
     *        severity, message and fix
     */
    public record StatusView(String domain, Instant checkedAt, String trigger,
            List<DomainChecked.Component> components) {
    }

    /** @param status where the result of the requested check will show */
    public record CheckAccepted(String domain, String status) {
    }

    /**
     * The failure-spike rule a domain's alerts follow (ADR 0014).
     *
     * @param defaults true when the domain follows the defaults, false when an owner set its own thresholds
     * @param failureSpike the thresholds in force
     * @param rule the rule in plain words, with these numbers
     */
    public record AlertSensitivityView(String domain, boolean defaults, FailureSpikeThresholds failureSpike,
            String rule) {
        static AlertSensitivityView of(Domain domain) {
            var thresholds = domain.spikeThresholds();
            return new AlertSensitivityView(domain.name, domain.ownSpikeThresholds().isEmpty(), thresholds,
                    thresholds.inWords());
        }
    }

    /**
     * A domain's own failure-spike thresholds, all four required: {@code {"minFailed": 50, "factor": 2.5,
     * "minPoints": 10, "baselineDays": 7}}. Exact numbers, so that 10.5 failed sessions is refused, not rounded.
     */
    public record SpikeThresholdsBody(BigDecimal minFailed, BigDecimal factor, BigDecimal minPoints,
            BigDecimal baselineDays) {
    }

    /**
     * The tenant's alert webhook as the API shows it: never the URL, only its mask (host and last four characters).
     *
     * @param severities the raised alerts' severities that are posted (warning, critical); resolved notices follow
     */
    public record WebhookSettingsView(String maskedUrl, boolean enabled, List<String> severities, String updatedBy,
            Instant updatedAt) {
    }

    /**
     * A change of the webhook: {@code {"url": "https://hooks.slack.com/services/...", "enabled": true,
     * "severities": ["warning", "critical"]}}. {@code url} may be left out to keep the stored one; {@code enabled}
     * defaults to true.
     */
    public record WebhookBody(String url, Boolean enabled, List<String> severities) {
    }

    /** What a test message met: {@code httpStatus} is null when no HTTP answer came. */
    public record WebhookTestView(boolean delivered, Integer httpStatus, String outcome) {
    }
}
