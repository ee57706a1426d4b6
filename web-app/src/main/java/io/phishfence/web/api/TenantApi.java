package io.phishfence.web.api;

import io.phishfence.web.WebConfig;
import io.phishfence.web.api.ApiViews.Rua;
import io.phishfence.web.api.ApiViews.TenantView;
import io.phishfence.web.api.token.ApiTokenAuthentication;
import io.phishfence.web.domain.RuaAddresses;
import io.phishfence.web.tenant.Tenant;
import io.phishfence.web.tenant.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant the API token belongs to. */
@Path("/api/v1/tenant")
@RolesAllowed(ApiTokenAuthentication.ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenant")
@SecurityScheme(securitySchemeName = TenantApi.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token, created on Settings → API tokens in the web app.")
@SecurityRequirement(name = TenantApi.SECURITY_SCHEME)
public class TenantApi {

    static final String SECURITY_SCHEME = "apiToken";

    private final TenantContext tenant;
    private final WebConfig config;

    TenantApi(TenantContext tenant, WebConfig config) {
        this.tenant = tenant;
        this.config = config;
    }

    @GET
    @Transactional
    @Operation(summary = "The tenant's name and its reporting addresses (rua) for TLS-RPT records")
    public TenantView get() {
        Tenant current = Tenant.findById(tenant.get());
        var rua = RuaAddresses.of(current.ruaToken, config);
        return new TenantView(current.name, new Rua(rua.https(), "mailto:" + rua.mailto()));
    }
}
