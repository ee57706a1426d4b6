package io.phishfence.web.api;

import io.phishfence.events.DomainChecked;
import io.phishfence.web.domain.Domain;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the API (camelCase, as Jackson writes records). */
public final class ApiViews {

    private ApiViews() {
    }

    /** @param rua the tenant's reporting addresses, as URIs for a TLS-RPT record's {@code rua=} */
    public record TenantView(String name, Rua rua) {
    }

    public record Rua(String https, String mailto) {
    }

    /**
     * @param name the A-label, as every API path takes it
     * @param displayName the name as people read it (U-label)
     * @param verified whether the domain's TLS-RPT record names this tenant's reporting address
     */
    public record DomainView(String name, String displayName, boolean verified, Instant createdAt) {
        static DomainView of(Domain domain, DomainChecked latest) {
            return new DomainView(domain.name, domain.displayName(),
                    io.phishfence.web.domain.DomainVerification.isVerified(latest), domain.createdAt);
        }
    }

    /** {@code {"name": "bücher.example"}}: a U-label or an A-label. */
    public record NewDomain(String name) {
    }

    /**
     * The latest check of a domain; {@code checkedAt} is null and {@code components} empty before the first.
     *
     * @param components one per checked component, status ok|warning|error|missing, each finding with code,
     *        severity, message and fix
     */
    public record StatusView(String domain, Instant checkedAt, String trigger,
            List<DomainChecked.Component> components) {
    }

    /** @param status where the result of the requested check will show */
    public record CheckAccepted(String domain, String status) {
    }
}
