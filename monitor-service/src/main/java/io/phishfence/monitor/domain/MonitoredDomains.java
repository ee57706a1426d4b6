package io.phishfence.monitor.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** The domains to check, kept as the compacted {@code phishfence.domains} topic says. */
@ApplicationScoped
public class MonitoredDomains {

    private final EntityManager entityManager;

    MonitoredDomains(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public void upsert(String tenantId, String domain, Instant addedAt) {
        entityManager.createNativeQuery("""
                insert into monitored_domain (tenant_id, name, added_at) values (?1, ?2, ?3)
                on conflict (tenant_id, name) do nothing
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, addedAt).executeUpdate();
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
