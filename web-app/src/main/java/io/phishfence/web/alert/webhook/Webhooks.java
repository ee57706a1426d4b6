package io.phishfence.web.alert.webhook;

import io.phishfence.events.AlertRaised;
import io.phishfence.web.secret.SecretBox;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Each tenant's webhook setting ({@code alert_webhook}). Every query names its tenant (ADR 0003). */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);

    /** Shown instead of the mask when the stored URL does not open with this server's keys. */
    static final String UNREADABLE = "(unreadable with this server's keys: see its log, or save the URL again)";

    /** What to do about a stored URL that does not open (ADR 0018). */
    public static final String UNREADABLE_ADVICE = "The stored URL cannot be read by this server; enter it again.";

    /** The severities a raised alert has, in the order the page lists them. */
    public static final List<String> SEVERITIES = List.of(AlertRaised.WARNING, AlertRaised.CRITICAL);

    /** A tenant's webhook. {@link #url} is the secret: only the sender and the test button read it. */
    public record Webhook(WebhookUrl url, boolean enabled, Set<String> severities, String updatedBy,
            Instant updatedAt) {

        boolean receives(String severity) {
            return enabled && severities.contains(severity);
        }
    }

    /** What a page shows of a webhook: never the URL, only its mask. */
    public record WebhookView(String masked, boolean enabled, Set<String> severities, String updatedBy,
            Instant updatedAt) {

        static WebhookView of(Webhook webhook) {
            return new WebhookView(webhook.url().masked(), webhook.enabled(), webhook.severities(),
                    webhook.updatedBy(), webhook.updatedAt());
        }

        public boolean receives(String severity) {
            return severities.contains(severity);
        }
    }

    /** A change refused, with the reason a person reads. */
    public static final class WebhookException extends Exception {
        WebhookException(String message) {
            super(message);
        }
    }

    private final EntityManager entityManager;
    private final WebhookClient client;
    private final SecretBox secrets;
    private final Clock clock = Clock.systemUTC();

    Webhooks(EntityManager entityManager, WebhookClient client, SecretBox secrets) {
        this.entityManager = entityManager;
        this.client = client;
        this.secrets = secrets;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        sealStoredUrls();
    }

    /**
     * Seals every stored URL that is not sealed with the current key: those saved before encryption, or before a
     * key rotation (ADR 0018). Runs at start-up; idempotent, so several instances starting at once do no harm.
     *
     * @return how many were sealed
     */
    @Transactional
    public int sealStoredUrls() {
        if (!secrets.sealing()) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select tenant_id, url from alert_webhook for update")
                .getResultList();
        int sealed = 0;
        for (Object[] row : rows) {
            String tenantId = (String) row[0];
            String stored = (String) row[1];
            if (secrets.sealedWithCurrentKey(stored)) {
                continue;
            }
            try {
                String url = secrets.open(stored, urlContext(tenantId));
                entityManager.createNativeQuery("update alert_webhook set url = ?2 where tenant_id = ?1")
                        .setParameter(1, tenantId).setParameter(2, secrets.seal(url, urlContext(tenantId)))
                        .executeUpdate();
                sealed++;
            } catch (SecretBox.UnreadableSecret e) {
                LOG.errorf("the webhook URL of tenant %s cannot be sealed again: %s", tenantId, e.getMessage());
            }
        }
        if (sealed > 0) {
            LOG.infof("sealed %d stored webhook URLs with the current key", sealed);
        }
        return sealed;
    }

    /**
     * @throws SecretBox.UnreadableSecret when the stored URL does not open with the configured keys (a
     *         configuration fault: the webhook is not gone, and its deliveries must wait, not be cancelled); the
     *         caller's transaction stays usable, so it can record that
     */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = SecretBox.UnreadableSecret.class)
    public Optional<Webhook> find(String tenantId) {
        var row = row(tenantId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        var stored = row.get();
        try {
            return Optional.of(new Webhook(WebhookUrl.parse(secrets.open(stored.url(), urlContext(tenantId))),
                    stored.enabled(), stored.severities(), stored.updatedBy(), stored.updatedAt()));
        } catch (WebhookUrl.InvalidWebhookUrl e) {
            LOG.errorf("the stored webhook of tenant %s is no longer a valid URL: %s", tenantId, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * What the pages, the API and the delivery planner know of the webhook: everything but the URL. A URL that
     * does not open with the configured keys still shows that a webhook is set, and which alerts it wants.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<WebhookView> view(String tenantId) {
        return row(tenantId).map(stored -> {
            String masked;
            try {
                masked = WebhookUrl.parse(secrets.open(stored.url(), urlContext(tenantId))).masked();
            } catch (SecretBox.UnreadableSecret | WebhookUrl.InvalidWebhookUrl e) {
                masked = UNREADABLE;
            }
            return new WebhookView(masked, stored.enabled(), stored.severities(), stored.updatedBy(),
                    stored.updatedAt());
        });
    }

    /** The row as stored: {@code url} sealed (ADR 0018) or, without a key, as typed. */
    private record StoredRow(String url, boolean enabled, Set<String> severities, String updatedBy,
            Instant updatedAt) {
    }

    private Optional<StoredRow> row(String tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select url, enabled, severities, updated_by, updated_at from alert_webhook where tenant_id = ?1
                """).setParameter(1, tenantId).getResultList();
        return rows.stream().findFirst().map(row -> new StoredRow((String) row[0], (Boolean) row[1],
                severities((String) row[2]), (String) row[3], instant(row[4])));
    }

    /**
     * Saves the tenant's webhook.
     *
     * @param urlInput the URL typed, or blank to keep the stored one (the page never shows it, so it cannot be
     *        sent back)
     */
    @Transactional
    public void save(String tenantId, String urlInput, boolean enabled, Set<String> severities, String by)
            throws WebhookException {
        WebhookUrl url;
        Optional<Webhook> current;
        try {
            current = urlInput == null || urlInput.isBlank() ? find(tenantId) : Optional.empty();
        } catch (SecretBox.UnreadableSecret e) {
            LOG.errorf("the webhook URL of tenant %s cannot be read: %s", tenantId, e.getMessage());
            throw new WebhookException(UNREADABLE_ADVICE);
        }
        if (current.isPresent()) {
            url = current.get().url();
        } else {
            try {
                url = WebhookUrl.parse(urlInput);
            } catch (WebhookUrl.InvalidWebhookUrl e) {
                throw new WebhookException(e.getMessage());
            }
            var refusal = client.refusal(url);
            if (refusal.isPresent()) {
                throw new WebhookException("PhishFence cannot post there: " + refusal.get() + ".");
            }
        }
        var chosen = severities.stream().filter(SEVERITIES::contains).collect(Collectors.toSet());
        if (chosen.isEmpty()) {
            throw new WebhookException("Choose at least one severity to post.");
        }
        entityManager.createNativeQuery("""
                insert into alert_webhook (tenant_id, url, enabled, severities, updated_by, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (tenant_id) do update set url = excluded.url, enabled = excluded.enabled,
                    severities = excluded.severities, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).setParameter(1, tenantId).setParameter(2, secrets.seal(url.secret(), urlContext(tenantId)))
                .setParameter(3, enabled)
                .setParameter(4, SEVERITIES.stream().filter(chosen::contains).collect(Collectors.joining(",")))
                .setParameter(5, by).setParameter(6, clock.instant()).executeUpdate();
    }

    /** What a test message met: whether it was delivered, the HTTP status if any, and a sentence (URL scrubbed). */
    public record TestSent(boolean delivered, Integer httpStatus, String said) {
    }

    /**
     * Posts a test message to the stored URL now.
     *
     * @param by who asked, named in the message
     * @return empty when the tenant has no webhook
     * @throws SecretBox.UnreadableSecret when the stored URL does not open with this server's keys
     */
    public Optional<TestSent> sendTest(String tenantId, String by) {
        Optional<Webhook> webhook;
        try {
            webhook = find(tenantId);
        } catch (SecretBox.UnreadableSecret e) {
            LOG.errorf("the webhook URL of tenant %s cannot be read: %s", tenantId, e.getMessage());
            throw e;
        }
        return webhook.map(found -> {
            var url = found.url();
            var outcome = client.post(url, SlackMessage.test(by));
            boolean delivered = outcome instanceof WebhookOutcome.Delivered;
            String said = (delivered ? "The test message was " : "The test message failed: ")
                    + url.scrub(outcome.describe())
                    + (outcome instanceof WebhookOutcome.Retry ? " (alerts are retried when this happens)." : ".");
            return new TestSent(delivered, outcome.status().orElse(null), said);
        });
    }

    /** Removes the webhook; deliveries not yet sent are cancelled when their turn comes. */
    @Transactional
    public boolean remove(String tenantId) {
        return entityManager.createNativeQuery("delete from alert_webhook where tenant_id = ?1")
                .setParameter(1, tenantId).executeUpdate() == 1;
    }

    /** Binds a sealed URL to its row: moved to another tenant's row, it does not open. */
    private static String urlContext(String tenantId) {
        return "alert_webhook.url/" + tenantId;
    }

    private static Set<String> severities(String column) {
        return Arrays.stream(column.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    static Instant instant(Object column) {
        return column instanceof Instant i ? i
                : column instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) column).toInstant();
    }
}
