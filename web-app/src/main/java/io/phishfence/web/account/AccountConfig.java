package io.phishfence.web.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of accounts: links in account e-mails, their lifetimes, and the log-in and sign-up limits. */
@ConfigMapping(prefix = "phishfence.web.account")
public interface AccountConfig {

    /**
     * The web app's address as people reach it, e.g. {@code https://app.phishfence.io}: the base of the links
     * in account e-mails. Configured rather than taken from the request's Host header, which a caller controls.
     */
    String publicUrl();

    /** How long a sign-up verification link works. */
    @WithDefault("P2D")
    Duration verificationTtl();

    /** How long a password-reset link works. */
    @WithDefault("PT1H")
    Duration resetTtl();

    /** How long an invitation link works. */
    @WithDefault("P7D")
    Duration invitationTtl();

    /**
     * Also log each account e-mail's link at INFO. For a local stack only (deploy/local/run.sh turns it on so
     * that the demo seeding can verify its account); never in production: the links are secrets.
     */
    @WithDefault("false")
    boolean logLinks();

    /** Limits per client IP address and per e-mail address. Counted in memory: per web-app instance. */
    Limits limits();

    interface Limits {
        /** Failed log-ins from one IP address within the window before log-in from it is refused. */
        @WithDefault("20")
        int loginPerIp();

        /** Failed log-ins for one e-mail address within the window before log-in to it is refused. */
        @WithDefault("5")
        int loginPerAccount();

        /** Sign-ups from one IP address within the window. */
        @WithDefault("10")
        int signupPerIp();

        /** Sign-ups, password-reset requests and invitations for one e-mail address within the window. */
        @WithDefault("3")
        int mailPerAddress();

        /** Password-reset requests from one IP address within the window. */
        @WithDefault("10")
        int resetPerIp();

        /** The window every limit counts in. */
        @WithDefault("PT15M")
        Duration window();
    }
}
