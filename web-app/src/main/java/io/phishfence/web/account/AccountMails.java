package io.phishfence.web.account;

import io.phishfence.web.mail.MailSendException;
import io.phishfence.web.mail.OutgoingMail;
import io.phishfence.web.mail.SmtpMailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The e-mails of the account flows, each as text and HTML (templates/AccountMails/*.txt|html). Sent after
 * the request's transaction and without waiting for the SMTP server, so a response takes the same time
 * whether or not a mail goes out, and cannot tell which addresses have accounts.
 */
@ApplicationScoped
public class AccountMails {

    private static final Logger LOG = Logger.getLogger(AccountMails.class);
    /**
     * Account mail has no stored retry: further attempts cover a connection lost on the way (a relay restarting, a
     * network blip). Each attempt is bounded by the mail client's time-outs ({@code phishfence.web.mail.*}).
     */
    private static final int ATTEMPTS = 3;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance verify(String link, long hours);

        static native TemplateInstance alreadyRegistered(String loginLink, String resetLink);

        static native TemplateInstance reset(String link, long minutes);

        static native TemplateInstance invitation(String link, String organization, String inviter, long days);
    }

    /** One e-mail to send: its recipient, subject, body (text and HTML) and the link it carries (for the local log). */
    public record Outgoing(String to, String subject, TemplateInstance body, String link) {
    }

    private final AccountConfig config;
    private final SmtpMailer mailer;
    /**
     * The blocking SMTP conversation runs on these threads, never on the request's, so that a response takes the
     * same time whether or not a mail goes out.
     */
    private final ExecutorService senders = Executors.newFixedThreadPool(2, runnable -> {
        var thread = new Thread(runnable, "account-mail");
        thread.setDaemon(true);
        return thread;
    });

    AccountMails(AccountConfig config, SmtpMailer mailer) {
        this.config = config;
        this.mailer = mailer;
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
    }

    Outgoing verification(String to, String token) {
        String link = link("/verify?token=", token);
        return new Outgoing(to, "Confirm your e-mail address for PhishFence",
                Templates.verify(link, config.verificationTtl().toHours()), link);
    }

    Outgoing alreadyRegistered(String to) {
        String login = config.publicUrl() + "/login";
        return new Outgoing(to, "You already have a PhishFence account",
                Templates.alreadyRegistered(login, config.publicUrl() + "/password/forgot"), login);
    }

    Outgoing reset(String to, String token) {
        String link = link("/password/reset?token=", token);
        return new Outgoing(to, "Reset your PhishFence password", Templates.reset(link, config.resetTtl().toMinutes()), link);
    }

    Outgoing invitation(String to, String token, String organization, String inviter) {
        String link = link("/invitations/accept?token=", token);
        return new Outgoing(to, "Join " + organization + " on PhishFence",
                Templates.invitation(link, organization, inviter, config.invitationTtl().toDays()), link);
    }

    /** Hands the mail to the SMTP server in the background; a failure is logged without the link. */
    public void send(Outgoing mail) {
        if (config.logLinks()) {
            LOG.infof("Account mail to %s (%s): %s", mail.to(), mail.subject(), mail.link());
        }
        senders.execute(() -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    mailer.send(OutgoingMail.render(mail.to(), mail.subject(), mail.body()));
                    LOG.debugf("Account mail sent to %s: %s", mail.to(), mail.subject());
                    return;
                } catch (MailSendException | RuntimeException e) {
                    if (attempt == ATTEMPTS) {
                        LOG.errorf(e, "Could not send the account mail '%s' to %s", mail.subject(), mail.to());
                    } else {
                        LOG.warnf("Sending the account mail '%s' to %s failed (%s); trying again", mail.subject(), mail.to(),
                                e.getMessage());
                    }
                }
            }
        });
    }

    private String link(String path, String token) {
        return config.publicUrl() + path + token;
    }
}
