package io.phishfence.monitor.alert;

import io.phishfence.events.AlertRaised;
import io.phishfence.monitor.alert.rule.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Every alert raised, by identity: what makes a replayed report or check raise nothing new. Used inside the
 * transaction that also counts the input, so that both commit or neither does.
 */
@ApplicationScoped
public class AlertLog {

    /** An open alert: the identity to resolve, and what it was about. */
    public record Open(String alertId, String rule, String subject, String occurrence) {
    }

    private final EntityManager entityManager;

    AlertLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Logs an alert. A day alert is never open; a state alert stays open until {@link #resolve}.
     *
     * @return true when the alert is new, or known and now more severe (an escalation): then it is to be published
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean raise(String tenantId, String domain, Alert alert, boolean stateful, Instant now) {
        return entityManager.createNativeQuery("""
                insert into alert_log (tenant_id, alert_id, domain, rule, subject, occurrence, severity, raised_at, open)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (tenant_id, alert_id) do update set severity = excluded.severity
                where alert_log.severity = ?10 and excluded.severity = ?11
                """).setParameter(1, tenantId).setParameter(2, alert.identity(tenantId, domain))
                .setParameter(3, domain).setParameter(4, alert.rule()).setParameter(5, alert.subject())
                .setParameter(6, alert.occurrence()).setParameter(7, alert.severity()).setParameter(8, now)
                .setParameter(9, stateful).setParameter(10, AlertRaised.WARNING)
                .setParameter(11, AlertRaised.CRITICAL).executeUpdate() == 1;
    }

    /** The domain's open alerts of one rule. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Open> open(String tenantId, String domain, String rule) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select alert_id, rule, subject, occurrence from alert_log where tenant_id = ?1 and domain = ?2 and rule = ?3 and open
                order by raised_at, alert_id
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, rule).getResultList();
        return rows.stream().map(r -> new Open((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void resolve(String tenantId, Open alert, Instant now) {
        entityManager.createNativeQuery("update alert_log set open = false, resolved_at = ?3 where tenant_id = ?1 "
                + "and alert_id = ?2").setParameter(1, tenantId).setParameter(2, alert.alertId()).setParameter(3, now)
                .executeUpdate();
    }
}
