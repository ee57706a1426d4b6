package io.phishfence.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant watches a domain. Key: {@code tenantId/domain} on the compacted {@link Topics#DOMAINS};
 * a null value (tombstone) under that key means the domain was removed.
 *
 * @param domain the domain as an A-label (punycode), lower case, without a trailing dot
 */
public record DomainUpserted(int v, String tenantId, String domain, Instant occurredAt) implements Event {

    public static final String TYPE = "domain.upserted";

    public DomainUpserted {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(domain, "domain");
    }

    public static DomainUpserted of(String tenantId, String domain, Instant occurredAt) {
        return new DomainUpserted(1, tenantId, domain, occurredAt);
    }

    public String key() {
        return Topics.domainKey(tenantId, domain);
    }
}
