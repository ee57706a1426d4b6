package io.phishfence.monitor.publiccheck;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of one-off checks without an account ({@code phishfence.monitor.public-checks.*}, ADR 0010). */
@ConfigMapping(prefix = "phishfence.monitor.public-checks")
public interface PublicCheckConfig {

    /** The consumer group all instances share on phishfence.public-check-requests. */
    @WithDefault("monitor-public-checks")
    String group();

    /**
     * Public checks running at once, at most, per instance: kept apart from (and below) the tenants' checks, so
     * that a burst of anonymous checks cannot hold up a customer's.
     */
    @WithDefault("4")
    int concurrency();

    /**
     * A request older than this when it is read is skipped: its page has given up waiting (web-app's
     * {@code public-check.timeout}), so a backlog after an outage is not worked off for nobody.
     */
    @WithDefault("10m")
    Duration maxAge();
}
