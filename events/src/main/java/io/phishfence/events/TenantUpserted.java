package io.phishfence.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant exists (or changed). Key: {@code tenantId}, on the compacted {@link Topics#TENANTS}.
 *
 * @param ruaToken the secret in the tenant's rua addresses; whoever holds it can submit reports
 * @param ruaMailto the tenant's mailto: rua URI (added in v1, may be null in older messages)
 * @param ruaHttps the tenant's https: rua URI (added in v1, may be null in older messages)
 */
public record TenantUpserted(int v, String tenantId, String name, String ruaToken, Instant occurredAt,
        String ruaMailto, String ruaHttps) implements Event {

    public static final String TYPE = "tenant.upserted";

    public TenantUpserted {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ruaToken, "ruaToken");
    }

    public static TenantUpserted of(String tenantId, String name, String ruaToken, Instant occurredAt) {
        return new TenantUpserted(1, tenantId, name, ruaToken, occurredAt, null, null);
    }

    public static TenantUpserted of(String tenantId, String name, String ruaToken, Instant occurredAt,
            String ruaMailto, String ruaHttps) {
        return new TenantUpserted(1, tenantId, name, ruaToken, occurredAt, ruaMailto, ruaHttps);
    }

    /** The ruaToken stays out of logs. */
    @Override
    public String toString() {
        return "TenantUpserted[tenantId=" + tenantId + ", name=" + name + "]";
    }
}
