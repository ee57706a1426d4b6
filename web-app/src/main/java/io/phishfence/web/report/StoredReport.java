package io.phishfence.web.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A TLS report as stored for its tenant: the summary columns, the parsed report and the raw bytes. */
@Entity
@Table(name = "tls_report")
public class StoredReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "policy_domain")
    public String policyDomain;

    @Column(name = "organization_name")
    public String organizationName;

    @Column(name = "report_id")
    public String reportId;

    @Column(name = "start_at")
    public Instant startAt;

    @Column(name = "end_at")
    public Instant endAt;

    public String channel;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "successful_sessions")
    public long successfulSessions;

    @Column(name = "failed_sessions")
    public long failedSessions;

    /** A domain's reports whose date range starts in [from, to), oldest first. */
    public static List<StoredReport> startingBetween(String domain, Instant from, Instant to) {
        return findStartingBetween(domain, from, to).list();
    }

    /** One page of {@link #startingBetween}: {@code count} reports after the first {@code offset}. */
    public static List<StoredReport> startingBetween(String domain, Instant from, Instant to, int offset, int count) {
        return findStartingBetween(domain, from, to).range(offset, offset + count - 1).list();
    }

    /** Ordered completely (the id last), so that pages neither repeat nor skip a report. */
    private static io.quarkus.hibernate.orm.panache.PanacheQuery<StoredReport> findStartingBetween(String domain,
            Instant from, Instant to) {
        return find("policyDomain = ?1 and startAt >= ?2 and startAt < ?3 order by startAt, organizationName, id",
                domain, from, to);
    }

    /** The current tenant's report with that id; another tenant's report does not exist here. */
    public static Optional<StoredReport> findOwned(UUID id) {
        return find("id", id).firstResultOptional();
    }

    /**
     * The current tenant's report with that id, if its domain is one of the tenant's now: the reports of a removed
     * domain are kept but hidden until the domain is added back (ADR 0011).
     */
    public static Optional<StoredReport> findShown(UUID id) {
        return findOwned(id).filter(r -> r.policyDomain != null
                && io.phishfence.web.domain.Domain.findByName(r.policyDomain).isPresent());
    }

    public static List<StoredReport> latestFor(String domain, int limit) {
        return find("policyDomain = ?1 order by startAt desc, organizationName", domain).page(0, limit).list();
    }
}
