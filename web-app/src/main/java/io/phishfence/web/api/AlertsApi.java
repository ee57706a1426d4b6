package io.phishfence.web.api;

import io.phishfence.web.api.token.ApiTokenAuthentication;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's alerts. */
@Path("/api/v1/alerts")
@RolesAllowed(ApiTokenAuthentication.ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
@SecurityRequirement(name = TenantApi.SECURITY_SCHEME)
public class AlertsApi {

    @GET
    @Operation(summary = "The tenant's alerts, newest first",
            description = "Always an empty list for now: alerts (failure spikes, check regressions) are not "
                    + "raised yet. The list fills once monitor-service publishes them on phishfence.alerts.")
    public List<Object> list() {
        return List.of();
    }
}
