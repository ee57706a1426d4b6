package io.phishfence.monitor.run;

import io.phishfence.events.DomainChecked;
import io.phishfence.events.Topics;
import io.phishfence.monitor.db.NativeRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Remembers each component's last status per domain, and says what changed since. */
@ApplicationScoped
public class CheckState {

    private final EntityManager entityManager;

    CheckState(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * When each domain was last checked, by any instance, keyed by {@code tenantId/domain}: so that an instance
     * that comes to own a domain keeps its timetable rather than starting a new one.
     */
    @Transactional
    public Map<String, Instant> lastChecks() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select tenant_id, domain, max(checked_at) from check_state group by tenant_id, domain")
                .getResultList();
        var last = new HashMap<String, Instant>();
        rows.forEach(row -> last.put(Topics.domainKey((String) row[0], (String) row[1]), NativeRows.instant(row[2])));
        return last;
    }

    /**
     * Records the new statuses and returns the components whose status differs from the last run. One statement,
     * so it runs in autocommit, atomic as any statement is, without a transaction's second round trip to commit.
     */
    @ActivateRequestContext
    public List<DomainChecked.Change> record(String tenantId, String domain, List<DomainChecked.Component> components,
            Instant checkedAt) {
        // One statement, one round trip, for a whole check: the statements of a WITH share one snapshot, so
        // "previous" reads the statuses as they were before the upsert beside it writes the new ones.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                with previous as (
                    select component, status from check_state where tenant_id = ?1 and domain = ?2
                ), latest as (
                    insert into check_state (tenant_id, domain, component, status, checked_at)
                    select ?1, ?2, component, status, ?5
                    from unnest(string_to_array(?3, ' '), string_to_array(?4, ' ')) as latest(component, status)
                    on conflict (tenant_id, domain, component) do update set status = excluded.status,
                                                                            checked_at = excluded.checked_at
                )
                select component, status from previous
                """).setParameter(1, tenantId).setParameter(2, domain)
                .setParameter(3, String.join(" ", components.stream().map(DomainChecked.Component::name).toList()))
                .setParameter(4, String.join(" ", components.stream().map(DomainChecked.Component::status).toList()))
                .setParameter(5, checkedAt).getResultList();
        Map<String, String> previous = new HashMap<>();
        rows.forEach(row -> previous.put((String) row[0], (String) row[1]));
        var changes = new ArrayList<DomainChecked.Change>();
        for (var component : components) {
            String before = previous.get(component.name());
            if (!component.status().equals(before)) {
                changes.add(new DomainChecked.Change(component.name(), before, component.status()));
            }
        }
        return changes;
    }
}
