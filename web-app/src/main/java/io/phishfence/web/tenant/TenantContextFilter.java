package io.phishfence.web.tenant;

import io.phishfence.web.account.AccountIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Puts the logged-in account's tenant into the request's {@link TenantContext}. */
public class TenantContextFilter {

    private final SecurityIdentity identity;
    private final TenantContext context;

    TenantContextFilter(SecurityIdentity identity, TenantContext context) {
        this.identity = identity;
        this.context = context;
    }

    @ServerRequestFilter
    public void scopeToTenant(ContainerRequestContext request) {
        if (!identity.isAnonymous()) {
            Object tenant = identity.getAttribute(AccountIdentityProvider.TENANT_ATTRIBUTE);
            if (tenant != null) {
                context.set(tenant.toString());
            }
        }
    }
}
