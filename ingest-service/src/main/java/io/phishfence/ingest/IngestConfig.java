package io.phishfence.ingest;

import io.smallrye.config.ConfigMapping;

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
    }
}
