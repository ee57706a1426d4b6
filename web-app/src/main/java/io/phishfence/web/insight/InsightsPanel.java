package io.phishfence.web.insight;

import io.phishfence.web.domain.Domain;
import java.util.List;

/**
 * What the report panel of a domain page shows: a period's summary, its charts and the silent senders.
 *
 * @param days the period's length (30, 90 or 365)
 */
public record InsightsPanel(Domain domain, int days, ReportSummary summary, List<SilentReporter> silentReporters) {

    /** The periods a person can pick. */
    public static final List<Integer> PERIODS = List.of(30, 90, 365);

    /** @return the period if it is one of {@link #PERIODS}, else the first */
    public static int period(Integer days) {
        return days != null && PERIODS.contains(days) ? days : PERIODS.get(0);
    }

    public List<Integer> periods() {
        return PERIODS;
    }

    public String dailyChart() {
        return ChartSpecs.daily(summary);
    }

    public String resultTypeChart() {
        return ChartSpecs.failures(List.copyOf(summary.byResultType().keySet()),
                List.copyOf(summary.byResultType().values()));
    }

    public String organizationChart() {
        var failing = summary.byOrganization().stream().filter(o -> o.failedSessions() > 0).toList();
        return ChartSpecs.failures(failing.stream().map(ReportSummary.OrganizationTotals::organizationName).toList(),
                failing.stream().map(ReportSummary.OrganizationTotals::failedSessions).toList());
    }

    public String mxChart() {
        return ChartSpecs.failures(summary.byReceivingMx().stream().map(InsightsPanel::mxLabel).toList(),
                summary.byReceivingMx().stream().map(ReportSummary.MxFailures::failedSessions).toList());
    }

    public static String mxLabel(ReportSummary.MxFailures mx) {
        String host = mx.receivingMxHostname().isEmpty() ? "(host not reported)" : mx.receivingMxHostname();
        return mx.receivingIp().isEmpty() ? host : host + " " + mx.receivingIp();
    }

    public String failureRate() {
        return String.format(java.util.Locale.ROOT, "%.2f", summary.failureRate());
    }
}
