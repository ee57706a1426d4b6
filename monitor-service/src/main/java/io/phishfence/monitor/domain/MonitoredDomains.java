package io.phishfence.monitor.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The domains to check, kept as the compacted {@code phishfence.domains} topic says. */
@ApplicationScoped
public class MonitoredDomains {

    private final EntityManager entityManager;

    MonitoredDomains(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Adds the domain, or takes its new DKIM selectors; the first {@code addedAt} stays. */
    @Transactional
    public void upsert(String tenantId, String domain, Instant addedAt, List<String> dkimSelectors) {
        entityManager.createNativeQuery("""
                insert into monitored_domain (tenant_id, name, added_at, dkim_selectors)
                values (?1, ?2, ?3, string_to_array(?4, ' '))
                on conflict (tenant_id, name) do update set dkim_selectors = excluded.dkim_selectors
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, addedAt)
                .setParameter(4, String.join(" ", dkimSelectors)).executeUpdate();
    }

    /** The DKIM selectors the tenant listed for the domain; none for a domain not (or no longer) monitored. */
    @Transactional
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
