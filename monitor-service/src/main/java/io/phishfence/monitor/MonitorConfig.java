package io.phishfence.monitor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the monitor ({@code phishfence.monitor.*}). */
@ConfigMapping(prefix = "phishfence.monitor")
public interface MonitorConfig {

    Dns dns();

    interface Dns {
        /** {@code host[:port]} of the resolver every check asks; default: the system's. */
        Optional<String> server();

        /** Time limit of one DNS question. */
        @WithDefault("5s")
        Duration timeout();
    }

    /** How often each domain is checked; each domain's next check is jittered by up to 10%. */
    @WithDefault("1h")
    Duration interval();

    /** How often the scheduler looks for domains that are due; far shorter than {@link #interval()}. */
    @WithDefault("10s")
    Duration scheduleTick();

    /** Checks running at once, at most, per instance. */
    @WithDefault("16")
    int concurrency();

    MtaSts mtaSts();

    interface MtaSts {
        /** HTTPS port of policy hosts: 443, or a test server's. */
        @WithDefault("443")
        int port();
    }

    /** Time limit of one HTTPS fetch (connect, handshake, response). */
    @WithDefault("10s")
    Duration httpTimeout();

    Tls tls();

    interface Tls {
        /** An extra PEM bundle of CAs trusted for policy hosts and MX certificates, added to the JDK's. */
        Optional<Path> trustStore();
    }

    /** CIDR networks that checks may connect to although they are private or local (tests, labs). */
    Optional<List<String>> allowedPrivateNetworks();

    Kafka kafka();

    interface Kafka {
        /** The consumer group all instances share on phishfence.domains. */
        String domainsGroup();

        /** The consumer group all instances share on phishfence.check-requests. */
        String checkRequestsGroup();
    }
}
