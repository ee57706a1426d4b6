package io.phishfence.monitor.domain;

import io.phishfence.events.FailureSpikeThresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The domains to check, kept as the compacted {@code phishfence.domains} topic says. */
@ApplicationScoped
public class MonitoredDomains {

    private final EntityManager entityManager;

    MonitoredDomains(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Adds the domain, or takes its new DKIM selectors and spike thresholds; the first {@code addedAt} stays.
     *
     * @param spike the domain's own failure-spike thresholds, or null for the defaults
     */
    @Transactional
    public void upsert(String tenantId, String domain, Instant addedAt, List<String> dkimSelectors,
            FailureSpikeThresholds spike) {
        entityManager.createNativeQuery("""
                insert into monitored_domain (tenant_id, name, added_at, dkim_selectors,
                    spike_min_failed, spike_factor, spike_min_points, spike_baseline_days)
                values (?1, ?2, ?3, string_to_array(?4, ' '), ?5, ?6, ?7, ?8)
                on conflict (tenant_id, name) do update set dkim_selectors = excluded.dkim_selectors,
                    spike_min_failed = excluded.spike_min_failed, spike_factor = excluded.spike_factor,
                    spike_min_points = excluded.spike_min_points, spike_baseline_days = excluded.spike_baseline_days
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, addedAt)
                .setParameter(4, String.join(" ", dkimSelectors))
                .setParameter(5, spike == null ? null : spike.minFailed())
                .setParameter(6, spike == null ? null : spike.factor())
                .setParameter(7, spike == null ? null : spike.minPoints())
                .setParameter(8, spike == null ? null : spike.baselineDays()).executeUpdate();
    }

    /** The domain's own failure-spike thresholds; empty for the defaults, or a domain not (or no longer) monitored. */
    @Transactional
    public Optional<FailureSpikeThresholds> spikeThresholds(String tenantId, String domain) {
        List<?> rows = entityManager.createNativeQuery("""
                select spike_min_failed, spike_factor, spike_min_points, spike_baseline_days from monitored_domain
                where tenant_id = ?1 and name = ?2 and spike_min_failed is not null
                """).setParameter(1, tenantId).setParameter(2, domain).getResultList();
        return rows.stream().map(Object[].class::cast).findFirst().map(row -> new FailureSpikeThresholds(
                ((Number) row[0]).longValue(), ((Number) row[1]).doubleValue(), ((Number) row[2]).doubleValue(),
                ((Number) row[3]).intValue()));
    }

    /**
     * The DKIM selectors the tenant listed for the domain; none for a domain not (or no longer) monitored. Asked
     * before every check: one statement in autocommit, not a transaction's two round trips.
     */
    @ActivateRequestContext
    public List<String> dkimSelectors(String tenantId, String domain) {
        List<?> rows = entityManager.createNativeQuery("""
                select array_to_string(dkim_selectors, ' ') from monitored_domain where tenant_id = ?1 and name = ?2
                """).setParameter(1, tenantId).setParameter(2, domain).getResultList();
        String joined = rows.isEmpty() ? "" : (String) rows.get(0);
        return joined.isEmpty() ? List.of() : List.of(joined.split(" "));
    }

    @Transactional
    public void remove(String tenantId, String domain) {
        entityManager.createNativeQuery("delete from monitored_domain where tenant_id = ?1 and name = ?2")
                .setParameter(1, tenantId).setParameter(2, domain).executeUpdate();
    }

    @Transactional
    public long count() {
        return ((Number) entityManager.createNativeQuery("select count(*) from monitored_domain").getSingleResult())
                .longValue();
    }

    @Transactional
    public boolean contains(String tenantId, String domain) {
        return !entityManager.createNativeQuery("select 1 from monitored_domain where tenant_id = ?1 and name = ?2")
                .setParameter(1, tenantId).setParameter(2, domain).getResultList().isEmpty();
    }
}
