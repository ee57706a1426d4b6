package io.phishfence.web.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The SMTP server that account and alert mail goes through ({@code phishfence.web.mail.*}, environment
 * {@code PHISHFENCE_WEB_MAIL_*}). The keys keep the meaning the {@code quarkus.mailer.*} keys had (ADR 0017).
 */
@ConfigMapping(prefix = "phishfence.web.mail")
public interface MailConfig {

    /** How the connection is protected with STARTTLS (the relay's certificate is checked whenever it is used). */
    enum StartTls {
        /** Plain SMTP, even when the server offers STARTTLS (a local test server). */
        DISABLED,
        /** STARTTLS when the server offers it, plain SMTP otherwise. */
        OPTIONAL,
        /** STARTTLS or no mail: a server that does not offer it fails the send. */
        REQUIRED
    }

    /** Log each mail (recipient and subject; the body at DEBUG) instead of sending it. {@code true} in dev and test. */
    @WithDefault("false")
    boolean mock();

    /** The SMTP server (relay) to hand mail to. */
    @WithDefault("localhost")
    String host();

    /** Its port; unset: 465 with {@link #tls()}, 25 without. */
    OptionalInt port();

    /** Implicit TLS from the first byte (SMTPS, usually port 465) instead of plain SMTP with STARTTLS. */
    @WithDefault("false")
    boolean tls();

    /** STARTTLS on a plain connection; ignored with {@link #tls()}. */
    @WithDefault("OPTIONAL")
    StartTls startTls();

    /** The account to log in with (AUTH) when the server offers it; unset: no log-in. */
    Optional<String> username();

    /** Its password. Never logged. */
    Optional<String> password();

    /** Sender of every mail (header From and envelope MAIL FROM), an RFC 5322 address with an optional name. */
    @WithDefault("PhishFence <no-reply@phishfence.localhost>")
    String from();

    /**
     * The name given in EHLO: the web app's public host in production. Set, it also spares the client a look-up of
     * the local host name.
     */
    @WithDefault("phishfence.localhost")
    String ownHostName();

    /** How long opening the TCP connection may take. */
    @WithDefault("10s")
    Duration connectTimeout();

    /**
     * How long the server may stay silent when an answer is due (the greeting, each reply, the one after the
     * message). Well below servers' idle time-outs, so that a conversation gone wrong ends on our side first.
     */
    @WithDefault("30s")
    Duration readTimeout();

    /** How long one write to the server may block (a server that stopped reading). */
    @WithDefault("30s")
    Duration writeTimeout();

    /** The port to connect to. */
    default int effectivePort() {
        return port().orElse(tls() ? 465 : 25);
    }
}
