package io.phishfence.web.account;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
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
    /** An SMTP server that takes longer than this is treated as down for this mail. */
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(2);
    /**
     * Further attempts cover a pooled SMTP connection that the server closed while it was idle (the client only
     * learns that when it reuses the connection), and the Vert.x mail client's occasional miss of a new
     * connection's greeting, which lasts until the server times the silent client out. Two attempts were not
     * always enough for the second: both could meet it.
     */
    private static final int ATTEMPTS = 4;

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance verify(String link, long hours);

        static native MailTemplateInstance alreadyRegistered(String loginLink, String resetLink);

        static native MailTemplateInstance reset(String link, long minutes);

        static native MailTemplateInstance invitation(String link, String organization, String inviter, long days);
    }

    /** One e-mail to send: its recipient, subject, body and the link it carries (for the local log). */
    public record Outgoing(String to, String subject, MailTemplateInstance body, String link) {
    }

    private final AccountConfig config;
    /**
     * Mail leaves from these threads, outside any request's Vert.x context, so that the SMTP conversation
     * runs on an event loop of its own and never waits behind the request that caused it.
     */
    private final ExecutorService senders = Executors.newFixedThreadPool(2, runnable -> {
        var thread = new Thread(runnable, "account-mail");
        thread.setDaemon(true);
        return thread;
    });

    AccountMails(AccountConfig config) {
        this.config = config;
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
                    mail.body().to(mail.to()).subject(mail.subject()).send().await().atMost(SEND_TIMEOUT);
                    LOG.debugf("Account mail sent to %s: %s", mail.to(), mail.subject());
                    return;
                } catch (RuntimeException e) {
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
