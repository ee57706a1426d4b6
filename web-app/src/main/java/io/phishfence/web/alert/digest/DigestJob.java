package io.phishfence.web.alert.digest;

import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.web.alert.AlertConfig;
import io.phishfence.web.alert.AlertSender;
import io.phishfence.web.alert.MuteLinks;
import io.phishfence.web.mail.MailSendException;
import io.phishfence.web.mail.OutgoingMail;
import io.phishfence.web.mail.SmtpMailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Sends the daily digests (ADR 0013). Each look, on every web instance: once the configured UTC hour of a day has
 * come, every recipient with notices waiting gets that day's digest assembled (at most one per recipient and day,
 * see {@link DigestStore}); then due digests are sent one at a time, and a failed one is retried with the same
 * backoff as a single alert e-mail, forever.
 */
@ApplicationScoped
public class DigestJob {

    private static final Logger LOG = Logger.getLogger(DigestJob.class);
    private static final int BATCH = 50;
    /** Digest e-mails the SMTP server accepted ({@code phishfence_alert_digests_sent_total}). */
    static final String SENT = "phishfence.alert.digests.sent";
    /** Attempts to send a digest that failed and will be retried ({@code phishfence_alert_digests_failed_total}). */
    static final String FAILED = "phishfence.alert.digests.failed";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance digest(DigestMail digest);
    }

    /** What one look did. */
    public record Run(int assembled, int sent, int failed) {
    }

    private final DigestStore store;
    private final DigestConfig config;
    private final AlertConfig alerts;
    private final AlertSender sender;
    private final MuteLinks muteLinks;
    private final MeterRegistry registry;
    private final SmtpMailer mailer;
    private final Clock clock = Clock.systemUTC();

    DigestJob(DigestStore store, DigestConfig config, AlertConfig alerts, AlertSender sender, MuteLinks muteLinks,
            MeterRegistry registry, SmtpMailer mailer) {
        if (config.hour() < 0 || config.hour() > 23) {
            throw new IllegalArgumentException("phishfence.web.alerts.digest.hour is an hour of the day, 0 to 23");
        }
        this.store = store;
        this.config = config;
        this.alerts = alerts;
        this.sender = sender;
        this.muteLinks = muteLinks;
        this.registry = registry;
        this.mailer = mailer;
    }

    @Scheduled(every = "${phishfence.web.alerts.digest.every:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void scheduled() {
        run(clock.instant());
    }

    /**
     * One look at {@code now}: assembles the digests whose hour has come, then sends those that are due. Its queries
     * name their tenants, so no tenant is set; the request context only gives Hibernate's tenant resolver a scope.
     */
    @ActivateRequestContext
    public Run run(Instant now) {
        LocalDate day = digestDay(now, config.hour());
        int assembled = 0;
        for (Object[] waiting : store.waiting()) {
            if (store.assemble((String) waiting[0], (String) waiting[1], day, now)) {
                assembled++;
            }
        }
        int sent = 0;
        int failed = 0;
        for (int i = 0; i < BATCH; i++) {
            var claimed = store.claimNext(now);
            if (claimed.isEmpty()) {
                break;
            }
            if (claimed.get().entries().isEmpty()) {
                store.empty(claimed.get());
            } else if (send(claimed.get(), now)) {
                sent++;
            } else {
                failed++;
            }
        }
        return new Run(assembled, sent, failed);
    }

    /** The day whose digest is due at {@code now}: today from the hour on, yesterday before it. */
    static LocalDate digestDay(Instant now, int hour) {
        return LocalDate.ofInstant(now.minus(Duration.ofHours(hour)), ZoneOffset.UTC);
    }

    private boolean send(DigestStore.Claimed digest, Instant now) {
        var mail = mail(digest);
        try {
            mailer.send(OutgoingMail.render(digest.recipient(), mail.subject(), Templates.digest(mail)));
        } catch (MailSendException | RuntimeException e) {
            String error = truncate(e.getClass().getSimpleName() + ": " + e.getMessage(), 500);
            LOG.warnf("alert digest %s (attempt %d) failed: %s", digest.id(), digest.attempts() + 1, error);
            store.failed(digest, error, now.plus(sender.backoff(digest.attempts() + 1)));
            registry.counter(FAILED).increment();
            return false;
        }
        store.sent(digest, now);
        registry.counter(SENT).increment();
        return true;
    }

    private DigestMail mail(DigestStore.Claimed digest) {
        String base = alerts.baseUrl().replaceAll("/+$", "");
        return DigestMail.of(digest.day(), digest.entries(), entry -> {
            String domainPath = URLEncoder.encode(entry.domain(), StandardCharsets.UTF_8);
            String token = muteLinks.token(
                    new MuteLinks.Mute(digest.tenantId(), entry.domain(), entry.rule(), digest.recipient()));
            return new DigestMail.Links(base + "/domains/" + domainPath, base + "/alerts?domain=" + domainPath,
                    base + "/mute?token=" + token);
        }, base + "/settings/alert-emails");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
