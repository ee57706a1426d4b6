package io.phishfence.web.alert.digest;

import io.phishfence.events.AlertRaised;
import io.phishfence.web.account.Emails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Whether a recipient takes a tenant's alert e-mails immediately or in a daily digest (ADR 0013). The choice is
 * per recipient and tenant: it is about one inbox, and is the same for every domain. Every query names its tenant
 * (ADR 0003).
 */
@ApplicationScoped
public class DeliveryModes {

    public static final String IMMEDIATE = "immediate";
    public static final String DIGEST = "digest";

    /** A delivery's status when it waits for the recipient's next digest. */
    public static final String AWAITING_DIGEST = "digest";
    /** A delivery's status when the sender is to e-mail it on its own. */
    public static final String PENDING = "pending";

    /** The tenant's choices as a page shows them: who takes a digest, and at what UTC hour it goes. */
    public record Choices(Set<String> digestRecipients, int hour) {
        public boolean digest(String recipient) {
            return digestRecipients.contains(recipient);
        }
    }

    private final EntityManager entityManager;
    private final DigestConfig config;
    private final Clock clock = Clock.systemUTC();

    DeliveryModes(EntityManager entityManager, DigestConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    public static boolean isMode(String mode) {
        return IMMEDIATE.equals(mode) || DIGEST.equals(mode);
    }

    /**
     * The status a new delivery starts in: a digest recipient's alert waits for the digest, except a critical
     * raised alert, which goes at once (an MX without STARTTLS or an expired certificate should not wait a day).
     */
    public static String initialStatus(String mode, String kind, String severity) {
        boolean urgent = "raised".equals(kind) && AlertRaised.CRITICAL.equals(severity);
        return DIGEST.equals(mode) && !urgent ? AWAITING_DIGEST : PENDING;
    }

    /** The status a new delivery of this alert to this recipient starts in (see {@link #initialStatus}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public String initialStatus(String tenantId, String recipient, String kind, String severity) {
        return initialStatus(mode(tenantId, recipient), kind, severity);
    }

    @Transactional
    public String mode(String tenantId, String recipient) {
        @SuppressWarnings("unchecked")
        List<String> modes = entityManager.createNativeQuery(
                "select mode from alert_delivery_mode where tenant_id = ?1 and recipient = ?2")
                .setParameter(1, tenantId).setParameter(2, Emails.normalize(recipient)).getResultList();
        return modes.isEmpty() ? IMMEDIATE : modes.get(0);
    }

    /** The tenant's recipients who take a digest. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Choices choices(String tenantId) {
        return new Choices(Set.copyOf(entityManager.createNativeQuery(
                "select recipient from alert_delivery_mode where tenant_id = ?1 and mode = 'digest'")
                .setParameter(1, tenantId).getResultList()), config.hour());
    }

    /**
     * Sets how the recipient takes the tenant's alerts. Switching to immediately releases what waits for a digest
     * not yet assembled: it is sent now rather than kept back for a digest the recipient no longer wants.
     */
    @Transactional
    public void set(String tenantId, String recipient, String mode) {
        if (!isMode(mode)) {
            throw new IllegalArgumentException("no such delivery mode: " + mode);
        }
        String address = Emails.normalize(recipient);
        entityManager.createNativeQuery("""
                insert into alert_delivery_mode (tenant_id, recipient, mode, changed_at) values (?1, ?2, ?3, ?4)
                on conflict (tenant_id, recipient) do update set mode = excluded.mode, changed_at = excluded.changed_at
                """).setParameter(1, tenantId).setParameter(2, address).setParameter(3, mode)
                .setParameter(4, clock.instant()).executeUpdate();
        if (IMMEDIATE.equals(mode)) {
            entityManager.createNativeQuery("""
                    update alert_delivery set status = 'pending', next_attempt_at = ?3
                    where tenant_id = ?1 and recipient = ?2 and status = 'digest' and digest_ref is null
                    """).setParameter(1, tenantId).setParameter(2, address).setParameter(3, clock.instant())
                    .executeUpdate();
        }
    }
}
