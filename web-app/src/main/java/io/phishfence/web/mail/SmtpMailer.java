package io.phishfence.web.mail;

import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Hands mail to the SMTP server of {@link MailConfig} with Eclipse Angus Mail, a blocking client (ADR 0017): the
 * calling thread holds the whole conversation, so it must be a worker thread, never an event loop. One connection
 * per message: nothing pooled can go stale between sends, and every wait on the server is bounded by the connect,
 * read and write time-outs.
 */
@ApplicationScoped
public class SmtpMailer {

    private static final Logger LOG = Logger.getLogger(SmtpMailer.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final MailConfig config;
    private final InternetAddress from;
    private final Session session;

    SmtpMailer(MailConfig config) {
        this.config = config;
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("phishfence.web.mail.from is not an e-mail address: " + config.from(), e);
        }
        this.session = Session.getInstance(properties(config, from));
    }

    private static Properties properties(MailConfig config, InternetAddress from) {
        var p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.effectivePort()));
        p.put("mail.smtp.localhost", config.ownHostName());
        // The envelope sender, and the domain of generated Message-IDs (no look-up of the local host name).
        p.put("mail.smtp.from", from.getAddress());
        p.put("mail.from", from.getAddress());
        p.put("mail.mime.charset", UTF_8);
        p.put("mail.smtp.connectiontimeout", millis(config.connectTimeout()));
        p.put("mail.smtp.timeout", millis(config.readTimeout()));
        p.put("mail.smtp.writetimeout", millis(config.writeTimeout()));
        p.put("mail.smtp.ssl.enable", Boolean.toString(config.tls()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls() != MailConfig.StartTls.DISABLED));
        p.put("mail.smtp.starttls.required", Boolean.toString(config.startTls() == MailConfig.StartTls.REQUIRED));
        // TLS, implicit or by STARTTLS, is only worth it with the relay's name checked against its certificate.
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.auth", Boolean.toString(config.username().isPresent()));
        return p;
    }

    private static String millis(Duration timeout) {
        return Long.toString(timeout.toMillis());
    }

    /**
     * Sends {@code mail} and returns once the server has accepted it.
     *
     * @throws MailSendException the server refused it or could not be reached, or the address is not one
     * @throws IllegalStateException on an event-loop thread, which must never wait for a network peer
     */
    public void send(OutgoingMail mail) throws MailSendException {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("SMTP blocks: send mail from a worker thread, not " + Thread.currentThread().getName());
        }
        if (config.mock()) {
            LOG.infof("Mail not sent (phishfence.web.mail.mock) to %s: %s", mail.to(), mail.subject());
            LOG.debugf("Mail to %s, text:%n%s", mail.to(), mail.text());
            return;
        }
        try {
            MimeMessage message = message(mail);
            Transport transport = session.getTransport();
            try {
                transport.connect(config.host(), config.effectivePort(), config.username().orElse(null),
                        config.password().orElse(null));
                transport.sendMessage(message, message.getAllRecipients());
            } finally {
                closeAfterSend(transport);
            }
        } catch (MessagingException e) {
            throw new MailSendException(describe(e), e);
        }
    }

    private MimeMessage message(OutgoingMail mail) throws MessagingException {
        var text = new MimeBodyPart();
        text.setText(mail.text(), UTF_8, "plain");
        var html = new MimeBodyPart();
        html.setText(mail.html(), UTF_8, "html");
        var message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), UTF_8);
        message.setSentDate(new Date());
        // Plain text first: a client shows the last alternative it can render.
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }

    /** Once the message is accepted, a failed QUIT must not turn the send into a failure (and a duplicate). */
    private static void closeAfterSend(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debugf("closing the SMTP connection failed: %s", e.getMessage());
        }
    }

    /** The failure on one line: what Angus says (the server's reply, when there is one) and its root cause. */
    static String describe(MessagingException e) {
        String message = firstLine(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? message : message + " (" + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("").replaceAll(";\\s*$", "");
    }
}
