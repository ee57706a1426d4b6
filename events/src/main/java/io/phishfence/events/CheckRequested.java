package io.phishfence.events;

import java.time.Instant;
import java.util.Objects;

/** A customer asked to check a domain now. Key: {@code tenantId/domain} on {@link Topics#CHECK_REQUESTS}. */
public record CheckRequested(int v, String tenantId, String domain, Instant requestedAt) implements Event {

    public static final String TYPE = "check.requested";

    public CheckRequested {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(domain, "domain");
    }

    public static CheckRequested of(String tenantId, String domain, Instant requestedAt) {
        return new CheckRequested(1, tenantId, domain, requestedAt);
    }

    public String key() {
        return Topics.domainKey(tenantId, domain);
    }
}
