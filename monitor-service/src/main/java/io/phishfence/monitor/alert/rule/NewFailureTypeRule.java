package io.phishfence.monitor.alert.rule;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertRaised.Evidence;
import java.time.LocalDate;
import java.util.List;

/**
 * A failure result type that no report of the previous {@code lookbackDays} mentioned. A domain without any
 * report in that window has nothing to compare with, and raises nothing.
 */
public record NewFailureTypeRule(int lookbackDays) {

    public List<Alert> evaluate(DaySeries series, LocalDate day, String domain) {
        var today = series.on(day);
        var window = series.between(day.minusDays(lookbackDays), day);
        if (today.isEmpty() || window.isEmpty()) {
            return List.of();
        }
        return today.get().failedByType().entrySet().stream()
                .filter(type -> type.getValue() > 0)
                .filter(type -> window.stream().noneMatch(d -> d.failedByType().getOrDefault(type.getKey(), 0L) > 0))
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(type -> new Alert(AlertRaised.RULE_NEW_FAILURE_TYPE, type.getKey(), day.toString(),
                        AlertRaised.WARNING,
                        "New TLS failure for " + domain + ": " + type.getKey(),
                        "Senders reported \"" + type.getKey() + "\" failures for " + domain + " on " + day
                                + ", a failure not seen in the previous " + lookbackDays + " days.",
                        List.of(new Evidence("Failure type", type.getKey()),
                                new Evidence("Failed sessions of this type", Format.count(type.getValue())),
                                new Evidence("All sessions that day", Format.failedOf(today.get().sessions()))),
                        FailureAdvice.forType(type.getKey(), domain)))
                .toList();
    }
}
