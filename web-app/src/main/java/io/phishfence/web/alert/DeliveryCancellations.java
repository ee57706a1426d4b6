package io.phishfence.web.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Cancels the alert e-mails not yet sent to someone who stopped being a recipient: a member removed from the team,
 * an extra address removed from a domain. Their deliveries, immediate or waiting for a digest, are marked
 * {@code cancelled} (the history shows it) rather than mailed to someone who left. An address that still receives
 * the domain's alerts another way (a member who is also an extra address, or the reverse) keeps those deliveries.
 * Every query names its tenant (ADR 0003).
 */
@ApplicationScoped
public class DeliveryCancellations {

    private final EntityManager entityManager;

    DeliveryCancellations(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The member {@code email} left the tenant: cancels what was not sent, except for domains it is an extra of. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int memberLeft(String tenantId, String email) {
        return entityManager.createNativeQuery("""
                update alert_delivery d set status = 'cancelled', next_attempt_at = null
                from alert a
                where a.id = d.alert_ref and d.tenant_id = ?1 and d.recipient = ?2
                  and d.status in ('pending', 'digest')
                  and not exists (select 1 from alert_recipient r
                                  where r.tenant_id = d.tenant_id and r.domain = a.domain and r.email = d.recipient)
                """).setParameter(1, tenantId).setParameter(2, email).executeUpdate();
    }

    /** The extra address {@code email} was removed from the domain: cancels that domain's unsent deliveries to it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int extraRemoved(String tenantId, String domain, String email) {
        return entityManager.createNativeQuery("""
                update alert_delivery d set status = 'cancelled', next_attempt_at = null
                from alert a
                where a.id = d.alert_ref and d.tenant_id = ?1 and a.domain = ?2 and d.recipient = ?3
                  and d.status in ('pending', 'digest')
                  and not exists (select 1 from account m
                                  where m.tenant_id = d.tenant_id and m.email = d.recipient
                                    and m.verified_at is not null)
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, email).executeUpdate();
    }
}
