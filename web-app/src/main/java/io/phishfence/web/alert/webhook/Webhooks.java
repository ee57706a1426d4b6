package io.phishfence.web.alert.webhook;

import io.phishfence.events.AlertRaised;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final Clock clock = Clock.systemUTC();

    Webhooks(EntityManager entityManager, WebhookClient client) {
        this.entityManager = entityManager;
        this.client = client;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Webhook> find(String tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select url, enabled, severities, updated_by, updated_at from alert_webhook where tenant_id = ?1
                """).setParameter(1, tenantId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        try {
            return Optional.of(new Webhook(WebhookUrl.parse((String) row[0]), (Boolean) row[1],
                    severities((String) row[2]), (String) row[3], instant(row[4])));
        } catch (WebhookUrl.InvalidWebhookUrl e) {
            LOG.errorf("the stored webhook of tenant %s is no longer a valid URL: %s", tenantId, e.getMessage());
            return Optional.empty();
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<WebhookView> view(String tenantId) {
        return find(tenantId).map(WebhookView::of);
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
        Optional<Webhook> current = find(tenantId);
        WebhookUrl url;
        if ((urlInput == null || urlInput.isBlank()) && current.isPresent()) {
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
                """).setParameter(1, tenantId).setParameter(2, url.secret()).setParameter(3, enabled)
                .setParameter(4, SEVERITIES.stream().filter(chosen::contains).collect(Collectors.joining(",")))
                .setParameter(5, by).setParameter(6, clock.instant()).executeUpdate();
    }

    /** Removes the webhook; deliveries not yet sent are cancelled when their turn comes. */
    @Transactional
    public boolean remove(String tenantId) {
        return entityManager.createNativeQuery("delete from alert_webhook where tenant_id = ?1")
                .setParameter(1, tenantId).executeUpdate() == 1;
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
