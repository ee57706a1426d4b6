package io.phishfence.web.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Delivery of alerts ({@code phishfence.web.alerts.*}); the SMTP server is {@code phishfence.web.mail.*}. */
@ConfigMapping(prefix = "phishfence.web.alerts")
public interface AlertConfig {

    /** The web app's address as recipients reach it, for the links in alert e-mails. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /** A raised alert is not e-mailed again for the same domain and rule within this time, unless it escalates. */
    @WithDefault("24h")
    Duration cooldown();

    /**
     * Key of the HMAC that signs mute links (32+ random characters). Every web instance must share it, and
     * links die when it changes; without it each process makes its own.
     */
    Optional<String> muteKey();

    /** How often the sender looks for e-mails that are due. */
    @WithDefault("5s")
    Duration sendEvery();

    Retry retry();

    interface Retry {
        /** Wait after the first failed send; it doubles with each failure. */
        @WithDefault("30s")
        Duration initial();

        /** The longest wait between two attempts; sending goes on until it works. */
        @WithDefault("1h")
        Duration max();
    }
}
