package io.phishfence.web.domain;

import io.phishfence.events.FailureSpikeThresholds;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.IDN;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** A domain a tenant watches. Tenant-scoped: Hibernate only ever shows the current tenant's rows. */
@Entity
@Table(name = "domain")
public class Domain extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    /** The A-label (punycode), lower case, no trailing dot. */
    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The DKIM selectors the tenant signs this domain's mail with, as {@link DkimSelectors} reads them. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "dkim_selectors")
    public List<String> dkimSelectors = new ArrayList<>();

    /* The domain's own failure-spike thresholds (ADR 0014): all four set, or all null for the defaults. */
    @Column(name = "spike_min_failed")
    Long spikeMinFailed;

    @Column(name = "spike_factor")
    Double spikeFactor;

    @Column(name = "spike_min_points")
    Double spikeMinPoints;

    @Column(name = "spike_baseline_days")
    Integer spikeBaselineDays;

    /** The domain's own failure-spike thresholds; empty when it follows the defaults. */
    public Optional<FailureSpikeThresholds> ownSpikeThresholds() {
        return spikeMinFailed == null ? Optional.empty()
                : Optional.of(new FailureSpikeThresholds(spikeMinFailed, spikeFactor, spikeMinPoints, spikeBaselineDays));
    }

    /** The thresholds its failure-spike alert follows: its own, or the defaults. */
    public FailureSpikeThresholds spikeThresholds() {
        return ownSpikeThresholds().orElse(FailureSpikeThresholds.DEFAULTS);
    }

    /** Sets the domain's own thresholds, or with null, makes it follow the defaults. */
    void setOwnSpikeThresholds(FailureSpikeThresholds thresholds) {
        spikeMinFailed = thresholds == null ? null : thresholds.minFailed();
        spikeFactor = thresholds == null ? null : thresholds.factor();
        spikeMinPoints = thresholds == null ? null : thresholds.minPoints();
        spikeBaselineDays = thresholds == null ? null : thresholds.baselineDays();
    }

    /** The name as people read it (U-label). */
    public String displayName() {
        return IDN.toUnicode(name, IDN.ALLOW_UNASSIGNED);
    }

    /** The selectors as the form shows them. */
    public String dkimSelectorsText() {
        return String.join(" ", dkimSelectors);
    }

    public static List<Domain> listByName() {
        return list("order by name");
    }

    /** One page of {@link #listByName}: {@code count} domains after the first {@code offset}. */
    public static List<Domain> listByName(int offset, int count) {
        return find("order by name").range(offset, offset + count - 1).list();
    }

    public static Optional<Domain> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
