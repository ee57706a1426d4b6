package io.phishfence.web.alert.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Decides, in the transaction that stores an alert, whether the tenant's webhook gets it: one pending
 * {@code alert_webhook_delivery} per alert, like the e-mails' rows, so that it is sent by {@link WebhookSender},
 * retried and never lost. The caller asks only for alerts that pass the e-mail cooldown; on top of that a raised
 * alert needs an enabled webhook that takes its severity, and a resolved notice follows only an alert that was posted
 * or is still being tried (not one the endpoint refused for good, nor a cancelled one).
 */
@ApplicationScoped
public class WebhookDeliveries {

    private final EntityManager entityManager;
    private final Webhooks webhooks;

    WebhookDeliveries(EntityManager entityManager, Webhooks webhooks) {
        this.entityManager = entityManager;
        this.webhooks = webhooks;
    }

    /**
     * @param alertRef the stored alert's row id
     * @param alertId the monitor's identity, shared by an alert and its resolved notice
     * @param kind {@code raised} or {@code resolved}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void plan(String tenantId, UUID alertRef, String alertId, String kind, String severity, Instant now) {
        // The view, not the URL: planning needs only what the webhook wants, and must not fail on a key fault.
        var webhook = webhooks.view(tenantId);
        if (webhook.isEmpty() || !webhook.get().enabled()) {
            return;
        }
        boolean wanted = "resolved".equals(kind) ? raisedWasPosted(tenantId, alertId)
                : webhook.get().receives(severity);
        if (!wanted) {
            return;
        }
        entityManager.createNativeQuery("""
                insert into alert_webhook_delivery (id, tenant_id, alert_ref, status, next_attempt_at)
                values (?1, ?2, ?3, 'pending', ?4) on conflict (alert_ref) do nothing
                """).setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, alertRef)
                .setParameter(4, now).executeUpdate();
    }

    private boolean raisedWasPosted(String tenantId, String alertId) {
        return !entityManager.createNativeQuery("""
                select 1 from alert_webhook_delivery d join alert a on a.id = d.alert_ref
                where a.tenant_id = ?1 and a.alert_id = ?2 and a.kind = 'raised' and d.tenant_id = ?1
                and d.status in ('pending', 'sent')
                """).setParameter(1, tenantId).setParameter(2, alertId).getResultList().isEmpty();
    }
}
