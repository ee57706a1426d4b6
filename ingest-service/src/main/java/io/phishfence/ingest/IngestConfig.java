package io.phishfence.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Settings of the ingest service ({@code phishfence.ingest.*}). */
@ConfigMapping(prefix = "phishfence.ingest")
public interface IngestConfig {

    /** Largest report body accepted as sent, gzip or not, in bytes. */
    long maxCompressedBytes();

    /** Largest report after gzip decompression, in bytes; decompression stops there. */
    long maxDecompressedBytes();

    /** Seconds a sender is told to wait (Retry-After) when Kafka cannot take a report. */
    int retryAfterSeconds();

    /** Kafka producer settings. */
    Kafka kafka();

    interface Kafka {
        /** How long a report may wait for the broker's acknowledgement before the sender is told to retry. */
        int deliveryTimeoutMs();

        /** The producer's {@code compression.type}: {@code lz4}, {@code zstd}, {@code snappy}, {@code gzip} or {@code none}. */
        @WithDefault("lz4")
        String compression();

        /**
         * The producer's {@code linger.ms}: how long a report may wait for others to share its request to the
         * broker. 1 ms doubles the reports per request under load, which cuts the broker's CPU per report; a lone
         * report waits 1 ms more for its 201 or 250, which no sender can notice. More than 1 ms caps the rate on a
         * fast machine: with one request in flight, a request then leaves at most every {@code linger.ms}
         * (ADRs 0020 and 0023). 0 sends each report as soon as no request is in flight.
         */
        @WithDefault("1")
        int lingerMs();

        /**
         * The producer's {@code max.in.flight.requests.per.connection} (1 to 5 with idempotence). With 1, the reports
         * that arrive while a partition's request is in flight wait and share the next one: under load that is
         * three times as many reports per request as with 5, and a third less broker CPU per report
         * (docs/benchmarks.md).
         */
        @WithDefault("1")
        int maxInFlightRequests();

        /**
         * The producer's {@code batch.size}: the most bytes of reports one partition's batch may hold. It only caps
         * how many of the reports that queued while a request was in flight share the next one (Kafka's 16 KB
         * default holds five uncompressed report events); it adds no wait (that is {@code linger.ms}).
         */
        @WithDefault("262144")
        int batchBytes();
    }

    /** The e-mail rua channel. */
    Smtp smtp();

    interface Smtp {
        /** Whether the SMTP listener runs. */
        @WithDefault("true")
        boolean enabled();

        /** TCP port (25 in production; 0 picks a free one, for tests). */
        @WithDefault("2525")
        int port();

        /** Host name in the greeting and the Received header. */
        @WithDefault("localhost")
        String hostName();

        /** Domain of the tenants' mailboxes: mail is accepted only for {@code <rua token>@<reports-domain>}. */
        String reportsDomain();

        /** Largest message accepted, in bytes: advertised with SIZE and enforced while reading DATA. */
        @WithDefault("10485760")
        int maxMessageBytes();

        /** Concurrent SMTP sessions at most. */
        @WithDefault("200")
        int maxConnections();

        /** Name of a Quarkus TLS configuration ({@code quarkus.tls.<name>.*}) for STARTTLS; none: not offered. */
        Optional<String> tlsConfigurationName();

        /** What to do with reports whose DKIM signature does not verify. */
        @WithDefault("record")
        DkimMode dkim();
    }

    /** {@code record}: accept and record the DKIM result; {@code enforce}: refuse mail without a passing signature. */
    enum DkimMode {
        RECORD, ENFORCE
    }

    /** DNS for DKIM key look-ups. */
    Dns dns();

    interface Dns {
        /** {@code host} or {@code host:port} of the resolver to ask; default: the system's. */
        Optional<String> server();
    }
}
