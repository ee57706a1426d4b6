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

    /** Checks running at once, at most, per instance; each runs its components at once on up to 10 threads. */
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

    Smtp smtp();

    interface Smtp {
        /** SMTP port of MX hosts: 25, or a test server's. */
        @WithDefault("25")
        int port();

        /** Time limit of one probe of one MX address: connect, banner, EHLO, STARTTLS and handshake. */
        @WithDefault("20s")
        Duration timeout();

        /** MX probes running at once, at most, per instance (across all domains being checked). */
        @WithDefault("32")
        int concurrency();

        /** The name the monitor gives in EHLO; default: this machine's host name. */
        Optional<String> ehloName();
    }

    Dnssec dnssec();

    interface Dnssec {
        /**
         * DS or DNSKEY records in zone-file form that DNSSEC validation starts from; default: the IANA root
         * zone's KSK-2017 and KSK-2024. Tests name their own signed zone's key.
         */
        @WithDefault(". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D,"
                + ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16")
        List<String> trustAnchors();
    }

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

        /**
         * How long the group waits for a silent instance before its domains go to the others: together with
         * the schedule tick, the time a crashed instance's domains go unchecked. Within the broker's
         * {@code group.min.session.timeout.ms} (6 s) and {@code group.max.session.timeout.ms}.
         */
        @WithDefault("10s")
        Duration domainsSessionTimeout();

        /** How often the domain consumer tells the group it is alive: a third of the session timeout or less. */
        @WithDefault("3s")
        Duration domainsHeartbeatInterval();

        /** The consumer group all instances share on phishfence.check-requests. */
        String checkRequestsGroup();
    }
}
