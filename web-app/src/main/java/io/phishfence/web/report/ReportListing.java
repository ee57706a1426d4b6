package io.phishfence.web.report;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored report as the API and the JSON export list it.
 *
 * @param id PhishFence's id of the stored report (for the detail view and the original)
 * @param reportId the sender's report-id
 */
public record ReportListing(UUID id, String policyDomain, String organizationName, String reportId, Instant start,
        Instant end, String channel, Instant receivedAt, long successfulSessions, long failedSessions) {

    public static ReportListing of(StoredReport report) {
        return new ReportListing(report.id, report.policyDomain, report.organizationName, report.reportId,
                report.startAt, report.endAt, report.channel, report.receivedAt, report.successfulSessions,
                report.failedSessions);
    }
}
