package io.phishfence.ingest.report;

/** The report exceeds a configured size limit, before or after decompression. */
public class ReportTooLargeException extends Exception {

    public ReportTooLargeException(String message) {
        super(message);
    }
}
