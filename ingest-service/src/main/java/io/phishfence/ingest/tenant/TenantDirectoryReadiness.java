package io.phishfence.ingest.tenant;

import io.phishfence.ingest.kafka.ReportPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the tenant directory has read what was on its topics at start-up and the publisher knows
 * the report topic: before that, reports would be refused.
 */
@Readiness
@ApplicationScoped
public class TenantDirectoryReadiness implements HealthCheck {

    private final TenantDirectory directory;
    private final ReportPublisher publisher;

    TenantDirectoryReadiness(TenantDirectory directory, ReportPublisher publisher) {
        this.directory = directory;
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tenant-directory")
                .status(directory.isCaughtUp() && publisher.isReady())
                .withData("tenants-loaded", directory.isCaughtUp())
                .withData("report-topic-known", publisher.isReady())
                .build();
    }
}
