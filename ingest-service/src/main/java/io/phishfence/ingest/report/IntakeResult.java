package io.phishfence.ingest.report;

import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.ingest.report.InvalidReportException.Violation;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** What became of a report handed to {@link ReportIntake}: on its way to Kafka, or refused and why. */
public sealed interface IntakeResult {

    /** Valid and sent; {@code acknowledged} completes when Kafka holds it, exceptionally when it cannot. */
    record Publishing(TlsReport report, CompletionStage<Void> acknowledged) implements IntakeResult {
    }

    /** Not a report: every problem found. */
    record Invalid(String detail, List<Violation> violations) implements IntakeResult {
    }

    /** Over a size limit, before or after decompression. */
    record TooLarge(String detail) implements IntakeResult {
    }

    /** A policy domain the tenant has not added: TLS-RPT has no destination authorization, so we refuse it. */
    record ForeignDomain(List<String> domains) implements IntakeResult {
    }
}
