package io.phishfence.web.tenant;

import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant whose data the current request (or consumer unit of work) may touch. Set from the
 * logged-in account by {@link TenantContextFilter}, or explicitly by a Kafka consumer for the tenant
 * of the message it handles; read by Hibernate through {@link CurrentTenantResolver}.
 */
@RequestScoped
public class TenantContext {

    private String tenantId;

    public void set(String tenantId) {
        this.tenantId = tenantId;
    }

    public String get() {
        if (tenantId == null) {
            throw new IllegalStateException("no tenant in this context");
        }
        return tenantId;
    }

    public boolean isSet() {
        return tenantId != null;
    }
}
