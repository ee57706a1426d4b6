package io.phishfence.web.publiccheck;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the free one-off check of any domain ({@code phishfence.web.public-check.*}, ADR 0010). */
@ConfigMapping(prefix = "phishfence.web.public-check")
public interface PublicCheckConfig {

    /** Checks one client (an IPv4 address, or an IPv6 /64) may ask for within {@link #window()}; then 429. */
    @WithDefault("10")
    int perClient();

    /**
     * Checks everyone together may ask for within {@link #window()}, across all web instances: the bound on the
     * probing a crowd of addresses can make us do. Then 429 for everyone until the window moves on.
     */
    @WithDefault("500")
    int global();

    /** The window both limits count in (a sliding window over the stored checks). */
    @WithDefault("PT1H")
    Duration window();

    /** How long a result stays readable at its address; then it is deleted. */
    @WithDefault("P30D")
    Duration ttl();

    /** How long a page waits for the monitor's result before it says that the check did not finish. */
    @WithDefault("PT5M")
    Duration timeout();

    /**
     * Accept names under the special-use test TLDs ({@code .test}, {@code .example}) so that tests can check
     * domains served by their own DNS server. Never in production.
     */
    @WithDefault("false")
    boolean allowTestNames();

    /** The consumer group that stores public results (every web instance shares it). */
    @WithDefault("web-app-public-checks")
    String group();
}
