package io.phishfence.web.alert;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertResolved;
import io.phishfence.events.EventJson;
import io.phishfence.web.alert.digest.DeliveryModes;
import io.phishfence.web.alert.webhook.WebhookDeliveries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Stores alerts from monitor-service, once each (by identity, kind and severity), and in the same transaction
 * decides who is e-mailed: one pending delivery per recipient ({@link AlertRecipients}: the members and the
 * domain's extra addresses), unless a like alert was e-mailed within the cooldown (and this one is no worse) or
 * the recipient opted out of the rule for the domain; and the tenant's webhook's delivery ({@link WebhookDeliveries},
 * under the same cooldown). {@link AlertSender} sends the e-mails; a recipient who takes a daily digest gets a
 * delivery that waits for it ({@link DeliveryModes}). Native SQL carries the
 * event's tenant explicitly (ADR 0003).
 */
@ApplicationScoped
public class AlertStore {

    private static final Logger LOG = Logger.getLogger(AlertStore.class);

    static final String RAISED = "raised";
    static final String RESOLVED = "resolved";
    static final String NOTICE_MAIL = "mail";
    static final String NOTICE_COOLDOWN = "cooldown";
    static final String NOTICE_SILENT = "silent";

    private final EntityManager entityManager;
    private final AlertRecipients recipients;
    private final DeliveryModes modes;
    private final WebhookDeliveries webhook;
    private final Duration cooldown;
    private final Clock clock = Clock.systemUTC();

    AlertStore(EntityManager entityManager, AlertRecipients recipients, DeliveryModes modes,
            WebhookDeliveries webhook, AlertConfig config) {
        this.entityManager = entityManager;
        this.recipients = recipients;
        this.modes = modes;
        this.webhook = webhook;
        this.cooldown = config.cooldown();
    }

    @Transactional
    public void store(AlertRaised alert) {
        if (!domainExists(alert.tenantId(), alert.domain())) {
            LOG.debugf("dropping an alert about %s: no such domain of that tenant", alert.key());
            return;
        }
        Instant now = clock.instant();
        String notice = mailedWithinCooldown(alert, now) ? NOTICE_COOLDOWN : NOTICE_MAIL;
        insert(alert.tenantId(), alert.alertId(), RAISED, alert.domain(), alert.rule(), alert.subject(),
                alert.severity(), alert.title(), alert.summary(), json(alert.evidence()), alert.advice(),
                alert.raisedAt(), now, notice);
    }

    @Transactional
    public void store(AlertResolved alert) {
        if (!domainExists(alert.tenantId(), alert.domain())) {
            return;
        }
        boolean raisedWasMailed = !entityManager.createNativeQuery("""
                select 1 from alert where tenant_id = ?1 and alert_id = ?2 and kind = 'raised' and notice = 'mail'
                """).setParameter(1, alert.tenantId()).setParameter(2, alert.alertId()).getResultList().isEmpty();
        insert(alert.tenantId(), alert.alertId(), RESOLVED, alert.domain(), alert.rule(), alert.subject(), "resolved",
                alert.title(), alert.summary(), "[]", null, alert.resolvedAt(), clock.instant(),
                raisedWasMailed ? NOTICE_MAIL : NOTICE_SILENT);
    }

    private void insert(String tenantId, String alertId, String kind, String domain, String rule, String subject,
            String severity, String title, String summary, String evidenceJson, String advice, Instant occurredAt,
            Instant now, String notice) {
        UUID id = UUID.randomUUID();
        int inserted = entityManager.createNativeQuery("""
                insert into alert (id, tenant_id, alert_id, kind, domain, rule, subject, severity, title, summary,
                                   evidence_json, advice, occurred_at, received_at, notice)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                on conflict (tenant_id, alert_id, kind, severity) do nothing
                """).setParameter(1, id).setParameter(2, tenantId).setParameter(3, alertId).setParameter(4, kind)
                .setParameter(5, domain).setParameter(6, rule).setParameter(7, subject).setParameter(8, severity)
                .setParameter(9, title).setParameter(10, summary).setParameter(11, evidenceJson)
                .setParameter(12, advice).setParameter(13, occurredAt).setParameter(14, now).setParameter(15, notice)
                .executeUpdate();
        if (inserted == 0 || !NOTICE_MAIL.equals(notice)) {
            return;
        }
        webhook.plan(tenantId, id, alertId, kind, severity, now);
        for (String recipient : recipients.addresses(tenantId, domain)) {
            boolean muted = recipients.optedOut(tenantId, domain, rule, recipient);
            String status = muted ? "muted" : modes.initialStatus(tenantId, recipient, kind, severity);
            entityManager.createNativeQuery("""
                    insert into alert_delivery (id, tenant_id, alert_ref, recipient, status, next_attempt_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6)
                    """).setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, id)
                    .setParameter(4, recipient).setParameter(5, status)
                    .setParameter(6, DeliveryModes.PENDING.equals(status) ? now : null).executeUpdate();
        }
    }

    /** Whether an alert of the same domain and rule, as severe or more, was e-mailed within the cooldown. */
    private boolean mailedWithinCooldown(AlertRaised alert, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> severities = entityManager.createNativeQuery("""
                select severity from alert where tenant_id = ?1 and domain = ?2 and rule = ?3 and kind = 'raised'
                and notice = 'mail' and received_at > ?4
                """).setParameter(1, alert.tenantId()).setParameter(2, alert.domain()).setParameter(3, alert.rule())
                .setParameter(4, now.minus(cooldown)).getResultList();
        return severities.stream().anyMatch(mailed -> !AlertRaised.isWorse(alert.severity(), mailed));
    }

    private boolean domainExists(String tenantId, String domain) {
        return !entityManager.createNativeQuery("select 1 from domain where tenant_id = ?1 and name = ?2")
                .setParameter(1, tenantId).setParameter(2, domain).getResultList().isEmpty();
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("evidence cannot be serialized", e);
        }
    }

    /** Records a mute, from a verified link: the recipient opts out of the rule for the domain. */
    public void mute(MuteLinks.Mute mute) {
        recipients.optOut(mute.tenantId(), mute.domain(), mute.rule(), mute.recipient());
    }
}
