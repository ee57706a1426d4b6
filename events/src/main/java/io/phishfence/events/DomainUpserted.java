package io.phishfence.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant watches a domain. Key: {@code tenantId/domain} on the compacted {@link Topics#DOMAINS};
 * a null value (tombstone) under that key means the domain was removed.
 *
 * @param domain the domain as an A-label (punycode), lower case, without a trailing dot
 * @param dkimSelectors the DKIM selectors the tenant signs this domain's mail with, lower case (added in v1;
 *        absent in older messages, read as none)
 * @param failureSpike the domain's own failure-spike thresholds, or null for the monitor's defaults (added in v1,
 *        left out of the JSON when null; absent in older messages, read as the defaults)
 */
public record DomainUpserted(int v, String tenantId, String domain, Instant occurredAt, List<String> dkimSelectors,
        @JsonInclude(JsonInclude.Include.NON_NULL) FailureSpikeThresholds failureSpike) implements Event {

    public static final String TYPE = "domain.upserted";

    public DomainUpserted {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(domain, "domain");
        dkimSelectors = dkimSelectors == null ? List.of() : List.copyOf(dkimSelectors);
    }

    public static DomainUpserted of(String tenantId, String domain, Instant occurredAt) {
        return of(tenantId, domain, occurredAt, List.of());
    }

    public static DomainUpserted of(String tenantId, String domain, Instant occurredAt, List<String> dkimSelectors) {
        return of(tenantId, domain, occurredAt, dkimSelectors, null);
    }

    public static DomainUpserted of(String tenantId, String domain, Instant occurredAt, List<String> dkimSelectors,
            FailureSpikeThresholds failureSpike) {
        return new DomainUpserted(1, tenantId, domain, occurredAt, dkimSelectors, failureSpike);
    }

    public String key() {
        return Topics.domainKey(tenantId, domain);
    }
}
