package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An SMTP TLS report (RFC 8460 section 4), normalized: field names as in the RFC's JSON, policy
 * domains as A-labels, {@code mx-host} always a list.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsReport(
        @JsonProperty("organization-name") String organizationName,
        @JsonProperty("date-range") DateRange dateRange,
        @JsonProperty("contact-info") String contactInfo,
        @JsonProperty("report-id") String reportId,
        @JsonProperty("policies") List<PolicyResult> policies) {

    public TlsReport {
        policies = List.copyOf(policies);
    }

    public long totalSuccessfulSessions() {
        return policies.stream().mapToLong(p -> p.summary().totalSuccessfulSessionCount()).sum();
    }

    public long totalFailedSessions() {
        return policies.stream().mapToLong(p -> p.summary().totalFailureSessionCount()).sum();
    }
}
