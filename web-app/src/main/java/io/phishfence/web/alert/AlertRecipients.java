package io.phishfence.web.alert;

import io.phishfence.web.account.Emails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who receives a domain's alerts: the tenant's verified members, and the extra addresses an owner added for the
 * domain. Each of them opts out of rules per domain; an opt-out is the same row a mute link writes
 * ({@code alert_mute}), so the page and the link always agree. Every query names its tenant (ADR 0003).
 */
@ApplicationScoped
public class AlertRecipients {

    /** More extra addresses than this for one domain is a mailing list's job. */
    static final int MAX_EXTRA = 10;

    /** One recipient of a domain's alerts and the rules they opted out of. */
    public record Recipient(String email, boolean member, Set<String> optedOut) {
        public boolean receives(String rule) {
            return !optedOut.contains(rule);
        }
    }

    /** A change refused, with the reason a person reads. */
    public static final class RecipientException extends Exception {
        RecipientException(String message) {
            super(message);
        }
    }

    private final EntityManager entityManager;
    private final DeliveryCancellations cancellations;
    private final Clock clock = Clock.systemUTC();

    AlertRecipients(EntityManager entityManager, DeliveryCancellations cancellations) {
        this.entityManager = entityManager;
        this.cancellations = cancellations;
    }

    /** Every address that receives the domain's alerts (members first), each once. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> addresses(String tenantId, String domain) {
        var addresses = new LinkedHashSet<String>(members(tenantId));
        addresses.addAll(extras(tenantId, domain));
        return List.copyOf(addresses);
    }

    /** The recipients of the domain's alerts with their opt-outs, members first. */
    @Transactional
    public List<Recipient> of(String tenantId, String domain) {
        @SuppressWarnings("unchecked")
        List<Object[]> mutes = entityManager.createNativeQuery(
                "select recipient, rule from alert_mute where tenant_id = ?1 and domain = ?2")
                .setParameter(1, tenantId).setParameter(2, domain).getResultList();
        var byRecipient = mutes.stream().collect(Collectors.groupingBy(row -> (String) row[0],
                Collectors.mapping(row -> (String) row[1], Collectors.toSet())));
        var members = members(tenantId);
        var recipients = new ArrayList<Recipient>();
        for (String email : addresses(tenantId, domain)) {
            recipients.add(new Recipient(email, members.contains(email), byRecipient.getOrDefault(email, Set.of())));
        }
        return recipients;
    }

    @Transactional
    public boolean isExtra(String tenantId, String domain, String email) {
        return extras(tenantId, domain).contains(Emails.normalize(email));
    }

    /** Adds an address that is not a member's. */
    @Transactional
    public void addExtra(String tenantId, String domain, String email, String addedBy) throws RecipientException {
        String address = Emails.normalize(email);
        if (!Emails.isPlausible(address)) {
            throw new RecipientException("That is not an e-mail address.");
        }
        if (members(tenantId).contains(address)) {
            throw new RecipientException(address + " is a member and receives the alerts already.");
        }
        if (extras(tenantId, domain).size() >= MAX_EXTRA) {
            throw new RecipientException("A domain has at most " + MAX_EXTRA + " extra addresses; use a mailing list.");
        }
        entityManager.createNativeQuery("""
                insert into alert_recipient (tenant_id, domain, email, added_by, added_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict do nothing
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, address)
                .setParameter(4, addedBy).setParameter(5, clock.instant()).executeUpdate();
    }

    /**
     * Removes an extra address and its opt-outs, so that adding it again starts afresh, and cancels the domain's
     * alert e-mails not yet sent to it.
     */
    @Transactional
    public boolean removeExtra(String tenantId, String domain, String email) {
        String address = Emails.normalize(email);
        cancellations.extraRemoved(tenantId, domain, address);
        entityManager.createNativeQuery("delete from alert_mute where tenant_id = ?1 and domain = ?2 and recipient = ?3")
                .setParameter(1, tenantId).setParameter(2, domain).setParameter(3, address).executeUpdate();
        return entityManager.createNativeQuery(
                "delete from alert_recipient where tenant_id = ?1 and domain = ?2 and email = ?3")
                .setParameter(1, tenantId).setParameter(2, domain).setParameter(3, address).executeUpdate() == 1;
    }

    /** Sets which rules {@code recipient} receives for the domain: it opts out of every other rule. */
    @Transactional
    public void receiveOnly(String tenantId, String domain, String recipient, Set<String> rules) {
        String address = Emails.normalize(recipient);
        entityManager.createNativeQuery("delete from alert_mute where tenant_id = ?1 and domain = ?2 and recipient = ?3")
                .setParameter(1, tenantId).setParameter(2, domain).setParameter(3, address).executeUpdate();
        for (var rule : AlertRules.ALL) {
            if (!rules.contains(rule.name())) {
                optOut(tenantId, domain, rule.name(), address);
            }
        }
    }

    /** Opts one recipient out of one rule for one domain (also what a mute link does). */
    @Transactional
    public void optOut(String tenantId, String domain, String rule, String recipient) {
        entityManager.createNativeQuery("""
                insert into alert_mute (tenant_id, domain, rule, recipient, muted_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict do nothing
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, rule)
                .setParameter(4, recipient).setParameter(5, clock.instant()).executeUpdate();
    }

    /** Whether the recipient opted out of the rule for the domain. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean optedOut(String tenantId, String domain, String rule, String recipient) {
        return !entityManager.createNativeQuery("""
                select 1 from alert_mute where tenant_id = ?1 and domain = ?2 and rule = ?3 and recipient = ?4
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, rule)
                .setParameter(4, recipient).getResultList().isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<String> members(String tenantId) {
        return entityManager.createNativeQuery(
                "select email from account where tenant_id = ?1 and verified_at is not null order by email")
                .setParameter(1, tenantId).getResultList();
    }

    @SuppressWarnings("unchecked")
    private List<String> extras(String tenantId, String domain) {
        return entityManager.createNativeQuery(
                "select email from alert_recipient where tenant_id = ?1 and domain = ?2 order by email")
                .setParameter(1, tenantId).setParameter(2, domain).getResultList();
    }
}
