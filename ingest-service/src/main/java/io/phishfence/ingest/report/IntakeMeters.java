package io.phishfence.ingest.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.phishfence.events.TlsReportReceived;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * What became of the reports sent to PhishFence, per channel ({@code https}, {@code smtp}): meters
 * {@code phishfence.ingest.reports} (tag {@code outcome}) and {@code phishfence.ingest.report.size}. Every meter
 * is registered up front, so that counting a report looks up nothing and allocates nothing, and so that a
 * dashboard sees a zero rather than no series before the first refusal.
 */
@ApplicationScoped
public class IntakeMeters {

    /**
     * The outcome tag; {@code INVALID} is a parse or validation failure, {@code UNKNOWN_ADDRESS} a rua token no
     * tenant has (refused before the intake: HTTP 404, SMTP 550 at RCPT).
     */
    public enum Outcome {
        ACCEPTED, INVALID, TOO_LARGE, FOREIGN_DOMAIN, KAFKA_UNAVAILABLE, UNKNOWN_ADDRESS;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    private final Counter[] https;
    private final Counter[] smtp;
    private final DistributionSummary httpsSize;
    private final DistributionSummary smtpSize;

    IntakeMeters(MeterRegistry registry) {
        https = counters(registry, TlsReportReceived.CHANNEL_HTTPS);
        smtp = counters(registry, TlsReportReceived.CHANNEL_SMTP);
        httpsSize = size(registry, TlsReportReceived.CHANNEL_HTTPS);
        smtpSize = size(registry, TlsReportReceived.CHANNEL_SMTP);
    }

    private static Counter[] counters(MeterRegistry registry, String channel) {
        var counters = new Counter[Outcome.values().length];
        for (Outcome outcome : Outcome.values()) {
            counters[outcome.ordinal()] = Counter.builder("phishfence.ingest.reports")
                    .description("Reports sent to PhishFence, by channel and what became of them")
                    .tag("channel", channel)
                    .tag("outcome", outcome.tag)
                    .register(registry);
        }
        return counters;
    }

    private static DistributionSummary size(MeterRegistry registry, String channel) {
        return DistributionSummary.builder("phishfence.ingest.report.size")
                .description("Size of each report as received (gzip or JSON)")
                .baseUnit("bytes")
                .tag("channel", channel)
                .register(registry);
    }

    void received(boolean byEmail, int bytes) {
        (byEmail ? smtpSize : httpsSize).record(bytes);
    }

    /** A report sent to a rua address that belongs to no tenant. */
    public void unknownAddress(boolean byEmail) {
        outcome(byEmail, Outcome.UNKNOWN_ADDRESS);
    }

    void outcome(boolean byEmail, Outcome outcome) {
        (byEmail ? smtp : https)[outcome.ordinal()].increment();
    }
}
