package io.phishfence.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run of the checks of a domain's e-mail security stack. Key: {@code tenantId/domain} on
 * {@link Topics#DOMAIN_CHECKS}.
 *
 * @param trigger {@code schedule} or {@code request}
 * @param changes the components whose status differs from the previous run (regressions and recoveries)
 */
public record DomainChecked(int v, String tenantId, String domain, Instant checkedAt, long durationMillis,
        String trigger, List<Component> components, List<Change> changes) implements Event {

    public static final String TYPE = "domain.checked";

    public DomainChecked {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(domain, "domain");
        components = List.copyOf(components);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static DomainChecked of(String tenantId, String domain, Instant checkedAt, long durationMillis,
            String trigger, List<Component> components, List<Change> changes) {
        return new DomainChecked(1, tenantId, domain, checkedAt, durationMillis, trigger, components, changes);
    }

    public String key() {
        return Topics.domainKey(tenantId, domain);
    }

    /**
     * @param name {@code tls-rpt}, {@code mta-sts}, ...
     * @param status {@code ok}, {@code warning}, {@code error} or {@code missing}
     */
    public record Component(String name, String status, List<Finding> findings) {
        public Component {
            findings = List.copyOf(findings);
        }
    }

    /**
     * @param severity {@code ok}, {@code info}, {@code warning} or {@code error}
     * @param fix the exact record or file to publish, or null
     */
    public record Finding(String code, String severity, String message, String fix) {
    }

    /** A component whose status changed since the previous run; {@code from} is null on the first run. */
    public record Change(String component, String from, String to) {
    }
}
