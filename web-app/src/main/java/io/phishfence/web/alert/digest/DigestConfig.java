package io.phishfence.web.alert.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The daily digest of alert e-mails ({@code phishfence.web.alerts.digest.*}, ADR 0013). */
@ConfigMapping(prefix = "phishfence.web.alerts.digest")
public interface DigestConfig {

    /**
     * The UTC hour (0–23) from which each day's digest is sent. One hour for everyone: recipients span time
     * zones, and a fixed hour makes "the digest of a day" mean the same thing in every mail and in the history.
     */
    @WithDefault("7")
    int hour();

    /**
     * How often each web instance looks for digests to assemble and send ({@code off} disables the job, as the
     * tests do, which run it themselves). A digest is assembled at the first look after the hour, so this is how
     * late it may be; an instance that was down at the hour catches up at its next look.
     */
    @WithDefault("1m")
    String every();
}
