package io.phishfence.monitor.alert.rule;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertRaised.Evidence;
import io.phishfence.events.FailureSpikeThresholds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Failures spiked on a day: at least {@code minFailed} failed sessions, and a failure ratio at least
 * {@code factor} times the domain's baseline and at least {@code minPoints} percentage points above it. The
 * baseline is the median daily failure ratio of the days with reports among the previous {@code baselineDays};
 * with fewer than {@link #MIN_BASELINE_DAYS} such days it is 0 (a new domain has no normal yet). Critical when
 * half or more of the sessions failed. The thresholds are the domain's own or the configured defaults.
 */
public record FailureSpikeRule(FailureSpikeThresholds thresholds) {

    static final int MIN_BASELINE_DAYS = 3;
    private static final double CRITICAL_RATIO = 0.5;

    public Optional<Alert> evaluate(DaySeries series, LocalDate day, String domain) {
        var today = series.on(day);
        if (today.isEmpty() || today.get().sessions().failed() < thresholds.minFailed()) {
            return Optional.empty();
        }
        Sessions sessions = today.get().sessions();
        int baselineDays = thresholds.baselineDays();
        var previous = series.between(day.minusDays(baselineDays), day);
        double baseline = previous.size() < MIN_BASELINE_DAYS ? 0 : median(previous);
        double ratio = sessions.failureRatio();
        if (ratio < thresholds.factor() * baseline || (ratio - baseline) * 100 < thresholds.minPoints()) {
            return Optional.empty();
        }
        var evidence = new ArrayList<Evidence>();
        evidence.add(new Evidence("Failed sessions", Format.failedOf(sessions)));
        evidence.add(new Evidence("Usual failure rate", previous.size() < MIN_BASELINE_DAYS
                ? "unknown (reports on " + previous.size() + " of the previous " + baselineDays + " days)"
                : Format.percent(baseline) + " (median of " + previous.size() + " days)"));
        evidence.add(new Evidence("Failure types", Format.top(today.get().failedByType(), 5)));
        evidence.add(new Evidence("Senders with failures", Format.top(failedBySender(today.get()), 5)));
        evidence.add(new Evidence("Alert rule", thresholds.inWords()));
        String topType = Format.largest(today.get().failedByType());
        return Optional.of(new Alert(AlertRaised.RULE_FAILURE_SPIKE, "", day.toString(),
                ratio >= CRITICAL_RATIO ? AlertRaised.CRITICAL : AlertRaised.WARNING,
                "TLS failures spiked for " + domain + " on " + day,
                Format.failedOf(sessions) + " TLS sessions to " + domain + " failed on " + day
                        + ", far above its usual failure rate.",
                evidence, topType == null ? "Open the reports of that day on the domain page."
                        : FailureAdvice.forType(topType, domain)));
    }

    private static Map<String, Long> failedBySender(DayStats day) {
        return day.bySender().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().failed()));
    }

    private static double median(List<DayStats> days) {
        double[] ratios = days.stream().mapToDouble(d -> d.sessions().failureRatio()).sorted().toArray();
        int middle = ratios.length / 2;
        return ratios.length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
    }
}
