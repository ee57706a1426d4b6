package io.phishfence.web.check;

import io.phishfence.events.DomainChecked;
import io.phishfence.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Stores checks from monitor-service: the latest per domain (an older check arriving late does not replace a
 * newer one) and each status change, once.
 */
@ApplicationScoped
public class CheckStore {

    private final EntityManager entityManager;

    CheckStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public void store(DomainChecked check) {
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(check);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("check cannot be serialized", e);
        }
        entityManager.createNativeQuery("""
                insert into domain_check (id, tenant_id, domain, checked_at, result_json) values (?1, ?2, ?3, ?4, ?5)
                on conflict (tenant_id, domain) do update set checked_at = excluded.checked_at,
                                                           result_json = excluded.result_json
                where domain_check.checked_at < excluded.checked_at
                """).setParameter(1, UUID.randomUUID()).setParameter(2, check.tenantId()).setParameter(3, check.domain())
                .setParameter(4, check.checkedAt()).setParameter(5, json).executeUpdate();
        for (var change : check.changes()) {
            entityManager.createNativeQuery("""
                    insert into domain_check_change (id, tenant_id, domain, checked_at, component, from_status, to_status)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    on conflict (tenant_id, domain, checked_at, component) do nothing
                    """).setParameter(1, UUID.randomUUID()).setParameter(2, check.tenantId())
                    .setParameter(3, check.domain()).setParameter(4, check.checkedAt())
                    .setParameter(5, change.component()).setParameter(6, change.from()).setParameter(7, change.to())
                    .executeUpdate();
        }
    }
}
