package io.phishfence.web.insight;

import java.time.LocalDate;

/**
 * A sender that used to send reports for a domain and has stopped: its mail may no longer reach the domain,
 * or its reports no longer reach PhishFence (a changed TLS-RPT record, say).
 *
 * @param lastReportDay the day of its latest report
 */
public record SilentReporter(String domain, String organizationName, LocalDate lastReportDay) {
}
