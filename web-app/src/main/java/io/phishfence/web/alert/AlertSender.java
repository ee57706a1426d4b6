package io.phishfence.web.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.AlertRaised;
import io.phishfence.web.mail.MailSendException;
import io.phishfence.web.mail.OutgoingMail;
import io.phishfence.web.mail.SmtpMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import java.net.IDN;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends the pending alert e-mails from the database: claims one due delivery at a time (so several web
 * instances share the work), sends it outside any transaction, then marks it sent, or records the error and
 * when to try again (backoff doubling up to a limit, forever: an alert is never dropped).
 */
@ApplicationScoped
public class AlertSender {

    private static final Logger LOG = Logger.getLogger(AlertSender.class);
    /** A claimed delivery is left alone this long, so that a sender that died does not keep it forever. */
    private static final Duration CLAIM = Duration.ofMinutes(5);
    private static final int BATCH = 50;
    /** Alert e-mails the SMTP server accepted ({@code phishfence_alerts_sent_total}). */
    static final String SENT = "phishfence.alerts.sent";
    /** Attempts to send an alert e-mail that failed and will be retried ({@code phishfence_alert_emails_failed_total}). */
    static final String FAILED = "phishfence.alert.emails.failed";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance raised(AlertMail alert);

        static native TemplateInstance resolved(AlertMail alert);
    }

    /** Everything a notice shows. Links are absolute: the mail is read far from the app. */
    public record AlertMail(String title, String summary, String severity, String displayDomain,
            List<AlertRaised.Evidence> evidence, String advice, Instant occurredAt, String domainUrl,
            String historyUrl, String muteUrl, String recipientsUrl) {
    }

    private record Claimed(UUID deliveryId, int attempts, String recipient, StoredAlertRow alert) {
    }

    private record StoredAlertRow(String tenantId, String kind, String domain, String rule, String severity,
            String title, String summary, String evidenceJson, String advice, Instant occurredAt) {
    }

    private final EntityManager entityManager;
    private final MuteLinks muteLinks;
    private final AlertConfig config;
    private final MeterRegistry registry;
    private final SmtpMailer mailer;
    private final Clock clock = Clock.systemUTC();

    AlertSender(EntityManager entityManager, MuteLinks muteLinks, AlertConfig config, MeterRegistry registry,
            SmtpMailer mailer) {
        this.entityManager = entityManager;
        this.muteLinks = muteLinks;
        this.config = config;
        this.registry = registry;
        this.mailer = mailer;
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
            send(claimed.get());
        }
    }

    private void send(Claimed claimed) {
        String error = null;
        try {
            var alert = claimed.alert();
            var mail = mail(alert, claimed.recipient());
            var template = AlertStore.RESOLVED.equals(alert.kind()) ? Templates.resolved(mail) : Templates.raised(mail);
            mailer.send(OutgoingMail.render(claimed.recipient(), subject(alert.title(), alert.kind()), template));
        } catch (MailSendException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warnf("alert e-mail %s (attempt %d) failed: %s", claimed.deliveryId(), claimed.attempts() + 1, error);
        }
        String failure = error;
        QuarkusTransaction.requiringNew().run(() -> record(claimed, failure));
        count(error == null ? SENT : FAILED, claimed.alert());
    }

    /**
     * Counts e-mails by rule and severity ({@code resolved} for a resolved notice): bounded labels, never a tenant
     * or an address. A failed attempt counts each time it fails.
     */
    private void count(String meter, StoredAlertRow alert) {
        registry.counter(meter, "rule", alert.rule(), "severity", alert.severity()).increment();
    }

    private Optional<Claimed> claimNext() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select d.id, d.attempts, d.recipient, a.tenant_id, a.kind, a.domain, a.rule, a.severity, a.title,
                       a.summary, a.evidence_json, a.advice, a.occurred_at
                from alert_delivery d join alert a on a.id = d.alert_ref
                where d.status = 'pending' and d.next_attempt_at <= ?1
                order by d.next_attempt_at, d.seq limit 1
                for update of d skip locked
                """).setParameter(1, now).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        UUID id = (UUID) r[0];
        entityManager.createNativeQuery("update alert_delivery set next_attempt_at = ?2 where id = ?1")
                .setParameter(1, id).setParameter(2, now.plus(CLAIM)).executeUpdate();
        return Optional.of(new Claimed(id, ((Number) r[1]).intValue(), (String) r[2], new StoredAlertRow(
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                (String) r[9], (String) r[10], (String) r[11], instant(r[12]))));
    }

    private void record(Claimed claimed, String error) {
        Instant now = clock.instant();
        if (error == null) {
            entityManager.createNativeQuery("""
                    update alert_delivery set status = 'sent', attempts = attempts + 1, sent_at = ?2,
                                              next_attempt_at = null where id = ?1
                    """).setParameter(1, claimed.deliveryId()).setParameter(2, now).executeUpdate();
            return;
        }
        entityManager.createNativeQuery("""
                update alert_delivery set attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 where id = ?1
                """).setParameter(1, claimed.deliveryId()).setParameter(2, truncate(error, 500))
                .setParameter(3, now.plus(backoff(claimed.attempts() + 1))).executeUpdate();
    }

    /** The wait after the n-th failure: initial, doubling, at most max. */
    public Duration backoff(int failures) {
        Duration wait = config.retry().initial();
        for (int i = 1; i < failures && wait.compareTo(config.retry().max()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.retry().max()) > 0 ? config.retry().max() : wait;
    }

    private AlertMail mail(StoredAlertRow alert, String recipient) {
        String base = config.baseUrl().replaceAll("/+$", "");
        String domainPath = URLEncoder.encode(alert.domain(), StandardCharsets.UTF_8);
        String token = muteLinks.token(new MuteLinks.Mute(alert.tenantId(), alert.domain(), alert.rule(), recipient));
        return new AlertMail(alert.title(), alert.summary(), alert.severity(),
                IDN.toUnicode(alert.domain(), IDN.ALLOW_UNASSIGNED), StoredAlert.evidenceOf(alert.evidenceJson()), alert.advice(),
                alert.occurredAt(), base + "/domains/" + domainPath, base + "/alerts?domain=" + domainPath,
                base + "/mute?token=" + token, base + "/domains/" + domainPath + "/alert-recipients");
    }

    /** A subject never carries a line break, whatever a sender's organization name contained. */
    static String subject(String title, String kind) {
        String clean = title.replaceAll("[\\r\\n\\t]+", " ").strip();
        return (AlertStore.RESOLVED.equals(kind) ? "[PhishFence] Resolved: " : "[PhishFence] ") + truncate(clean, 150);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Instant instant(Object column) {
        return column instanceof Instant i ? i
                : column instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) column).toInstant();
    }
}
