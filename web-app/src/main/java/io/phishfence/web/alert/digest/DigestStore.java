package io.phishfence.web.alert.digest;

import io.phishfence.web.alert.StoredAlert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The digests in the database (ADR 0013). A digest is assembled once, for one recipient and UTC day, in one
 * transaction that creates its row and moves every delivery waiting for it into it; the row's unique key
 * (tenant, recipient, day) makes a second web instance that assembles at the same moment create nothing, and a
 * delivery stored after the assembly waits for the next day's digest. Its content is then fixed, and it is sent
 * like a single alert e-mail: claimed with {@code for update skip locked}, sent outside any transaction, marked
 * sent or given its next attempt. Native SQL names every tenant (ADR 0003).
 */
@ApplicationScoped
public class DigestStore {

    /** A claimed digest is left alone this long, so that a sender that died does not keep it forever. */
    private static final Duration CLAIM = Duration.ofMinutes(5);

    /** A digest claimed for sending, with what it lists. */
    public record Claimed(UUID id, String tenantId, String recipient, LocalDate day, int attempts,
            List<UUID> deliveries, List<DigestMail.Entry> entries) {
    }

    private final EntityManager entityManager;

    DigestStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The (tenant, recipient) pairs with deliveries waiting for a digest. */
    @Transactional
    public List<Object[]> waiting() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select distinct tenant_id, recipient from alert_delivery where status = 'digest' and digest_ref is null
                """).getResultList();
        return rows;
    }

    /**
     * Assembles the recipient's digest of {@code day} from what waits for it.
     *
     * @return whether a digest was created (false: that day's digest exists already, or nothing waits)
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean assemble(String tenantId, String recipient, LocalDate day, Instant now) {
        UUID id = UUID.randomUUID();
        int created = entityManager.createNativeQuery("""
                insert into alert_digest (id, tenant_id, recipient, day, status, next_attempt_at, created_at)
                values (?1, ?2, ?3, ?4, 'pending', ?5, ?5)
                on conflict (tenant_id, recipient, day) do nothing
                """).setParameter(1, id).setParameter(2, tenantId).setParameter(3, recipient).setParameter(4, day)
                .setParameter(5, now).executeUpdate();
        if (created == 0) {
            return false;
        }
        int moved = entityManager.createNativeQuery("""
                update alert_delivery set digest_ref = ?3, digest_day = ?4
                where tenant_id = ?1 and recipient = ?2 and status = 'digest' and digest_ref is null
                """).setParameter(1, tenantId).setParameter(2, recipient).setParameter(3, id).setParameter(4, day)
                .executeUpdate();
        if (moved == 0) {
            // Another instance took them for another day in the meantime (its clock is past the hour, ours not).
            entityManager.createNativeQuery("delete from alert_digest where id = ?1").setParameter(1, id)
                    .executeUpdate();
            return false;
        }
        return true;
    }

    /** Claims the next due digest, if any, with the notices it still lists (cancelled ones are left out). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claimed> claimNext(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select id, tenant_id, recipient, day, attempts from alert_digest
                where status = 'pending' and next_attempt_at <= ?1
                order by next_attempt_at, seq limit 1
                for update skip locked
                """).setParameter(1, now).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] digest = rows.get(0);
        UUID id = (UUID) digest[0];
        entityManager.createNativeQuery("update alert_digest set next_attempt_at = ?2 where id = ?1")
                .setParameter(1, id).setParameter(2, now.plus(CLAIM)).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> notices = entityManager.createNativeQuery("""
                select d.id, a.kind, a.domain, a.rule, a.severity, a.title, a.summary, a.evidence_json, a.advice,
                       a.occurred_at
                from alert_delivery d join alert a on a.id = d.alert_ref
                where d.digest_ref = ?1 and d.tenant_id = ?2 and d.status = 'digest'
                order by a.received_at, a.seq
                """).setParameter(1, id).setParameter(2, digest[1]).getResultList();
        return Optional.of(new Claimed(id, (String) digest[1], (String) digest[2], localDate(digest[3]),
                ((Number) digest[4]).intValue(), notices.stream().map(n -> (UUID) n[0]).toList(),
                notices.stream().map(n -> new DigestMail.Entry((String) n[1], (String) n[2], (String) n[3],
                        (String) n[4], (String) n[5], (String) n[6], StoredAlert.evidenceOf((String) n[7]),
                        (String) n[8], instant(n[9]))).toList()));
    }

    /** Marks the digest and the notices it listed sent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sent(Claimed digest, Instant now) {
        entityManager.createNativeQuery("""
                update alert_digest set status = 'sent', attempts = attempts + 1, sent_at = ?2, next_attempt_at = null
                where id = ?1
                """).setParameter(1, digest.id()).setParameter(2, now).executeUpdate();
        entityManager.createNativeQuery("""
                update alert_delivery set status = 'sent', attempts = attempts + 1, sent_at = ?3, next_attempt_at = null
                where digest_ref = ?1 and tenant_id = ?2 and id in (?4)
                """).setParameter(1, digest.id()).setParameter(2, digest.tenantId()).setParameter(3, now)
                .setParameter(4, digest.deliveries()).executeUpdate();
    }

    /** Records a failed attempt: the digest is tried again at {@code next}, its notices show the error. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Claimed digest, String error, Instant next) {
        entityManager.createNativeQuery("""
                update alert_digest set attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 where id = ?1
                """).setParameter(1, digest.id()).setParameter(2, error).setParameter(3, next).executeUpdate();
        entityManager.createNativeQuery("""
                update alert_delivery set attempts = attempts + 1, last_error = ?3, next_attempt_at = ?4
                where digest_ref = ?1 and tenant_id = ?2 and status = 'digest'
                """).setParameter(1, digest.id()).setParameter(2, digest.tenantId()).setParameter(3, error)
                .setParameter(4, next).executeUpdate();
    }

    /** A digest whose every notice was cancelled (its recipient left) is not sent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void empty(Claimed digest) {
        entityManager.createNativeQuery(
                "update alert_digest set status = 'cancelled', next_attempt_at = null where id = ?1")
                .setParameter(1, digest.id()).executeUpdate();
    }

    private static LocalDate localDate(Object column) {
        return column instanceof LocalDate d ? d : ((java.sql.Date) column).toLocalDate();
    }

    private static Instant instant(Object column) {
        return column instanceof Instant i ? i
                : column instanceof OffsetDateTime o ? o.toInstant()
                : ((Timestamp) column).toInstant();
    }
}
