package io.phishfence.monitor.alert.rule;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertRaised.Evidence;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A domain that received reports every day for {@code dailyDays} days has received none for {@code silentDays}
 * complete days. A day counts as silent only once the day after it is over too, since senders report a day
 * during the next one. The occurrence is the last day with reports, so the same silence is one alert however
 * often it is evaluated.
 */
public record ReportsStoppedRule(int silentDays, int dailyDays) {

    public Optional<Alert> evaluate(DaySeries series, LocalDate today, String domain) {
        LocalDate lastComplete = today.minusDays(2);
        var last = series.lastBefore(lastComplete.plusDays(1));
        if (last.isEmpty() || lastComplete.toEpochDay() - last.get().toEpochDay() < silentDays) {
            return Optional.empty();
        }
        var daily = series.between(last.get().minusDays(dailyDays - 1L), last.get().plusDays(1));
        if (daily.size() < dailyDays) {
            return Optional.empty();
        }
        long silent = lastComplete.toEpochDay() - last.get().toEpochDay();
        return Optional.of(new Alert(AlertRaised.RULE_REPORTS_STOPPED, "", last.get().toString(), AlertRaised.WARNING,
                "TLS reports for " + domain + " stopped",
                domain + " received TLS reports every day until " + last.get() + ", and none for the " + silent
                        + " days since.",
                List.of(new Evidence("Last day with reports", last.get().toString()),
                        new Evidence("Days without reports", Long.toString(silent))),
                "Check that the TLS-RPT record at _smtp._tls." + domain + " is still published and still points at "
                        + "your PhishFence reporting address; the domain page shows the record to publish."));
    }
}
