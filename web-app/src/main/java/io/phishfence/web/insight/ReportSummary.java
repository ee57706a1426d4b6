package io.phishfence.web.insight;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a domain's reports say over a period, read from the daily roll-ups. Field names are the API's
 * ({@code GET /api/v1/domains/{name}/summary}).
 *
 * @param byResultType failed sessions per RFC 8460 result type, most first
 * @param byReceivingMx failed sessions per receiving MX host and IP, most first
 * @param daily one entry per day of the period, days without reports included (as zeros)
 */
public record ReportSummary(LocalDate from, LocalDate to, long reports, long successfulSessions, long failedSessions,
        Map<String, Long> byResultType, List<OrganizationTotals> byOrganization, List<MxFailures> byReceivingMx,
        List<DayTotals> daily) {

    /** A sender's reports over the period. */
    public record OrganizationTotals(String organizationName, long reports, long successfulSessions,
            long failedSessions) {
    }

    /** Failed sessions at one receiving MX host and IP (each empty when the senders left it out). */
    public record MxFailures(String receivingMxHostname, String receivingIp, long failedSessions) {
    }

    public record DayTotals(LocalDate date, long successfulSessions, long failedSessions) {
    }

    /** Share of failed sessions in percent, 0 without sessions. */
    public double failureRate() {
        long total = successfulSessions + failedSessions;
        return total == 0 ? 0 : 100.0 * failedSessions / total;
    }
}
