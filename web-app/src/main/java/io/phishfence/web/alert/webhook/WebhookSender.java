package io.phishfence.web.alert.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.web.alert.AlertConfig;
import io.phishfence.web.alert.StoredAlert;
import io.phishfence.web.secret.SecretBox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends the pending webhook deliveries, as {@code AlertSender} sends e-mails: claims one due row at a time
 * ({@code for update skip locked}, so several web instances share the work), POSTs outside any transaction, then
 * marks it sent, or failed for good (3xx, a 4xx other than 429, a URL no longer allowed), or records the error and
 * when to try again (the e-mails' backoff, at least what Retry-After asked, forever: never dropped). A row whose
 * webhook was removed or disabled meanwhile is cancelled. The URL is never logged: lines name the delivery.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    /** A claimed delivery is left alone this long, so that a sender that died does not keep it forever. */
    private static final Duration CLAIM = Duration.ofMinutes(5);
    private static final int BATCH = 50;
    /** Alerts a webhook accepted ({@code phishfence_alert_webhooks_sent_total}). */
    static final String SENT = "phishfence.alert.webhooks.sent";
    /** Failed POSTs, retried or not ({@code phishfence_alert_webhooks_failed_total}). */
    static final String FAILED = "phishfence.alert.webhooks.failed";

    private record Claimed(UUID deliveryId, int attempts, String rule, WebhookUrl url, SlackMessage.Alert alert) {
    }

    private final EntityManager entityManager;
    private final Webhooks webhooks;
    private final WebhookClient client;
    private final AlertConfig config;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();

    WebhookSender(EntityManager entityManager, Webhooks webhooks, WebhookClient client, AlertConfig config,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.webhooks = webhooks;
        this.client = client;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(every = "${phishfence.web.alerts.send-every:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void sendDue() {
        for (int i = 0; i < BATCH; i++) {
            var claimed = QuarkusTransaction.requiringNew().call(this::claimNext);
            if (claimed.isEmpty()) {
                return;
            }
            claimed.get().ifPresent(this::send);
        }
    }

    private void send(Claimed claimed) {
        var outcome = client.post(claimed.url(), SlackMessage.of(claimed.alert(), config.baseUrl()));
        if (!(outcome instanceof WebhookOutcome.Delivered)) {
            LOG.warnf("webhook delivery %s (attempt %d) to %s failed: %s", claimed.deliveryId(), claimed.attempts() + 1,
                    claimed.url().masked(), claimed.url().scrub(outcome.describe()));
        }
        QuarkusTransaction.requiringNew().run(() -> record(claimed, outcome));
        String severity = claimed.alert().resolved() ? "resolved" : claimed.alert().severity();
        registry.counter(outcome instanceof WebhookOutcome.Delivered ? SENT : FAILED, "rule", claimed.rule(),
                "severity", severity).increment();
    }

    /** Empty when nothing is due; an empty claim when the due row was cancelled instead (its webhook is gone). */
    private Optional<Optional<Claimed>> claimNext() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select d.id, d.attempts, a.tenant_id, a.kind, a.domain, a.rule, a.severity, a.title, a.summary,
                       a.evidence_json, a.advice
                from alert_webhook_delivery d join alert a on a.id = d.alert_ref
                where d.status = 'pending' and d.next_attempt_at <= ?1
                order by d.next_attempt_at, d.seq limit 1
                for update of d skip locked
                """).setParameter(1, now).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        UUID id = (UUID) r[0];
        Optional<Webhooks.Webhook> webhook;
        try {
            webhook = webhooks.find((String) r[2]).filter(Webhooks.Webhook::enabled);
        } catch (SecretBox.UnreadableSecret e) {
            // A key missing from the configuration: the webhook is not gone. Wait, as after a failed POST, so that
            // the row neither blocks the rows behind it nor is lost; restoring the key sends it.
            int failures = ((Number) r[1]).intValue() + 1;
            LOG.errorf("webhook delivery %s waits: the tenant's URL cannot be read: %s", id, e.getMessage());
            entityManager.createNativeQuery("""
                    update alert_webhook_delivery set attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3
                    where id = ?1
                    """).setParameter(1, id).setParameter(2, now.plus(nextWait(config.retry(), failures,
                    Optional.empty()))).setParameter(3, "the webhook URL cannot be read with this server's keys")
                    .executeUpdate();
            return Optional.of(Optional.empty());
        }
        if (webhook.isEmpty()) {
            entityManager.createNativeQuery("""
                    update alert_webhook_delivery set status = 'cancelled', next_attempt_at = null,
                        last_error = 'the webhook was removed or disabled before this was sent' where id = ?1
                    """).setParameter(1, id).executeUpdate();
            return Optional.of(Optional.empty());
        }
        entityManager.createNativeQuery("update alert_webhook_delivery set next_attempt_at = ?2 where id = ?1")
                .setParameter(1, id).setParameter(2, now.plus(CLAIM)).executeUpdate();
        var alert = new SlackMessage.Alert((String) r[3], (String) r[4], (String) r[6], (String) r[7], (String) r[8],
                StoredAlert.evidenceOf((String) r[9]), (String) r[10]);
        return Optional.of(Optional.of(new Claimed(id, ((Number) r[1]).intValue(), (String) r[5],
                webhook.get().url(), alert)));
    }

    private void record(Claimed claimed, WebhookOutcome outcome) {
        Instant now = clock.instant();
        Integer status = outcome.status().orElse(null);
        if (outcome instanceof WebhookOutcome.Delivered) {
            entityManager.createNativeQuery("""
                    update alert_webhook_delivery set status = 'sent', attempts = attempts + 1, sent_at = ?2,
                        last_status = ?3, next_attempt_at = null where id = ?1
                    """).setParameter(1, claimed.deliveryId()).setParameter(2, now).setParameter(3, status)
                    .executeUpdate();
            return;
        }
        String error = claimed.url().scrub(outcome.describe());
        Instant next = outcome instanceof WebhookOutcome.Retry retry
                ? now.plus(nextWait(config.retry(), claimed.attempts() + 1, retry.retryAfter())) : null;
        // A refusal for good leaves no next attempt: the row is failed, and stays in the history as such.
        entityManager.createNativeQuery("""
                update alert_webhook_delivery set status = ?5,
                    attempts = attempts + 1, last_status = ?2, last_error = ?3, next_attempt_at = ?4 where id = ?1
                """).setParameter(1, claimed.deliveryId()).setParameter(2, status)
                .setParameter(3, error.length() <= 500 ? error : error.substring(0, 499) + "…")
                .setParameter(4, next).setParameter(5, next == null ? "failed" : "pending").executeUpdate();
    }

    /**
     * The wait after the n-th failed POST: {@code initial} doubled per earlier failure, at most {@code max}; and at
     * least what the endpoint's Retry-After asked, itself capped at {@code max} (an endpoint cannot park an alert
     * for a year).
     */
    static Duration nextWait(AlertConfig.Retry retry, int failures, Optional<Duration> retryAfter) {
        Duration wait = retry.initial().multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 30));
        if (wait.compareTo(retry.max()) > 0 || wait.isNegative()) {
            wait = retry.max();
        }
        Duration asked = retryAfter.map(after -> after.compareTo(retry.max()) > 0 ? retry.max() : after)
                .orElse(Duration.ZERO);
        return asked.compareTo(wait) > 0 ? asked : wait;
    }

}
