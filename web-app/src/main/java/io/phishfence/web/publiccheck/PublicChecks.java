package io.phishfence.web.publiccheck;

import io.phishfence.events.EventJson;
import io.phishfence.events.PublicCheckCompleted;
import io.phishfence.events.PublicCheckRequested;
import io.phishfence.events.Topics;
import io.phishfence.web.domain.DkimSelectors;
import io.phishfence.web.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks for public checks within the per-client and global limits, stores their results, and forgets them once
 * they expire. The limits count the stored checks themselves, so they hold across web instances and restarts.
 */
@ApplicationScoped
public class PublicChecks {

    private static final Logger LOG = Logger.getLogger(PublicChecks.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Selectors one public check may name. Each is one more DNS look-up that anyone may ask for; five covers a
     * domain's providers (e.g. google, selector1, selector2, k1, s1).
     */
    static final int MAXIMUM_SELECTORS = 5;
    /** Serializes the count-then-insert of all instances, so that no burst slips past a limit. */
    private static final long LIMIT_LOCK = 0x5075626c6963L;

    /** What became of a request. */
    public sealed interface Outcome {
    }

    public record Accepted(String id) implements Outcome {
    }

    public record Refused(String problem) implements Outcome {
    }

    public record Limited(Duration retryAfter) implements Outcome {
    }

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final PublicCheckConfig config;
    private final Clock clock = Clock.systemUTC();

    PublicChecks(EntityManager entityManager, Outbox outbox, PublicCheckConfig config) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Validates the name and the DKIM selectors, counts the request against the limits, and stores it with the
     * request for the monitor (one transaction, ADR 0002).
     *
     * @param selectorsInput DKIM selectors as typed (commas or spaces between them), or blank for none
     */
    @Transactional
    public Outcome request(String input, String selectorsInput, String clientAddress) {
        var verdict = PublicDomainNames.judge(input, config.allowTestNames());
        if (!verdict.ok()) {
            return new Refused(verdict.problem());
        }
        var selectors = DkimSelectors.parse(selectorsInput, MAXIMUM_SELECTORS);
        if (selectors.isEmpty()) {
            return new Refused("DKIM selectors are names such as google or selector1, separated by spaces or commas, "
                    + "at most " + MAXIMUM_SELECTORS + ". Leave the field empty to check without DKIM.");
        }
        Instant now = clock.instant();
        Instant windowStart = now.minus(config.window());
        String bucket = ClientBuckets.of(clientAddress);
        entityManager.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, LIMIT_LOCK).getSingleResult();
        if (count("client_bucket = ?1 and requested_at > ?2", bucket, windowStart) >= config.perClient()
                || count("requested_at > ?1", windowStart) >= config.global()) {
            return new Limited(config.window());
        }
        var check = new PublicCheck();
        check.id = newId();
        check.domain = verdict.aLabel();
        check.clientBucket = bucket;
        check.requestedAt = now;
        check.dkimSelectors = String.join(" ", selectors.get());
        check.persist();
        var event = PublicCheckRequested.of(check.id, check.domain, now, selectors.get());
        outbox.add(Topics.PUBLIC_CHECK_REQUESTS, event.key(), event);
        return new Accepted(check.id);
    }

    /** The check behind a shareable address, unless it has expired. */
    @Transactional
    public Optional<PublicCheck> find(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        return PublicCheck.<PublicCheck>findByIdOptional(id)
                .filter(check -> check.requestedAt.plus(config.ttl()).isAfter(clock.instant()));
    }

    /** Whether the monitor's answer is overdue: the page stops waiting and says so. */
    public boolean gaveUp(PublicCheck check) {
        return !check.done() && check.requestedAt.plus(config.timeout()).isBefore(clock.instant());
    }

    /** Stores a result once; a result for a check that expired (or never existed here) is dropped. */
    @Transactional
    public void complete(PublicCheckCompleted result) {
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(result.components());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("result cannot be serialized", e);
        }
        int updated = entityManager.createNativeQuery("""
                update public_check set checked_at = ?2, duration_millis = ?3, result_json = ?4
                where id = ?1 and domain = ?5 and result_json is null
                """).setParameter(1, result.checkId()).setParameter(2, result.checkedAt())
                .setParameter(3, result.durationMillis()).setParameter(4, json).setParameter(5, result.domain())
                .executeUpdate();
        if (updated == 0) {
            LOG.debugf("public check %s: no waiting check of %s", result.checkId(), result.domain());
        }
    }

    @Scheduled(every = "${phishfence.web.public-check.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        int deleted = entityManager.createNativeQuery("delete from public_check where requested_at < ?1")
                .setParameter(1, clock.instant().minus(config.ttl())).executeUpdate();
        if (deleted > 0) {
            LOG.infof("deleted %d expired public checks", deleted);
        }
    }

    private long count(String condition, Object... parameters) {
        var query = entityManager.createNativeQuery("select count(*) from public_check where " + condition);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    /** 128 random bits, URL-safe: the shareable address is the only key to a result. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
