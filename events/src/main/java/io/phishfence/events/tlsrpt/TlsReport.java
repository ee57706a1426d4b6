package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An SMTP TLS report (RFC 8460 section 4), normalized: field names as in the RFC's JSON, policy
 * domains as A-labels, {@code mx-host} always a list. Each object keeps the fields the parser did not know
 * in its {@code unknown-fields}.
 *
 * @param unknownFields fields the parser did not know, as sent (added in v1, optional)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsReport(
        @JsonProperty("organization-name") String organizationName,
        @JsonProperty("date-range") DateRange dateRange,
        @JsonProperty("contact-info") String contactInfo,
        @JsonProperty("report-id") String reportId,
        @JsonProperty("policies") List<PolicyResult> policies,
        @JsonProperty(UnknownFields.JSON_NAME) @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, JsonNode> unknownFields) {

    public TlsReport {
        policies = List.copyOf(policies);
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    public TlsReport(String organizationName, DateRange dateRange, String contactInfo, String reportId,
            List<PolicyResult> policies) {
        this(organizationName, dateRange, contactInfo, reportId, policies, null);
    }

    public long totalSuccessfulSessions() {
        return policies.stream().mapToLong(p -> p.summary().totalSuccessfulSessionCount()).sum();
    }

    public long totalFailedSessions() {
        return policies.stream().mapToLong(p -> p.summary().totalFailureSessionCount()).sum();
    }
}
