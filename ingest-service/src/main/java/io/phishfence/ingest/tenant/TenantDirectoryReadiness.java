package io.phishfence.ingest.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the tenant directory has read what was on its topics at start-up. */
@Readiness
@ApplicationScoped
public class TenantDirectoryReadiness implements HealthCheck {

    private final TenantDirectory directory;

    TenantDirectoryReadiness(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tenant-directory").status(directory.isCaughtUp()).build();
    }
}
