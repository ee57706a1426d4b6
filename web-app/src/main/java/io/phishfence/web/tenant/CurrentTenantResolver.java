package io.phishfence.web.tenant;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.RequestScoped;

/**
 * Tells Hibernate's tenant discriminator whose rows a session sees. Without a tenant in context it
 * answers a tenant id that no row has, so a forgotten scope shows nothing rather than everything.
 */
@PersistenceUnitExtension
@RequestScoped
public class CurrentTenantResolver implements TenantResolver {

    /** Matches no tenant: the nil UUID is never assigned. */
    static final String NO_TENANT = "00000000-0000-0000-0000-000000000000";

    private final TenantContext context;

    CurrentTenantResolver(TenantContext context) {
        this.context = context;
    }

    @Override
    public String getDefaultTenantId() {
        return NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return context.isSet() ? context.get() : NO_TENANT;
    }
}
