package io.phishfence.monitor.alert.rule;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertRaised.Evidence;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One sending organization could not deliver securely at all on a day: every one of its sessions failed, and
 * at least {@code minFailed} of them (one failed session out of one is noise). Critical: under an enforced
 * MTA-STS policy that sender's mail is not delivered.
 */
public record SenderWideFailureRule(long minFailed) {

    public List<Alert> evaluate(DaySeries series, LocalDate day, String domain) {
        var today = series.on(day);
        if (today.isEmpty()) {
            return List.of();
        }
        String topType = Format.largest(today.get().failedByType());
        return today.get().bySender().entrySet().stream()
                .filter(sender -> sender.getValue().successful() == 0 && sender.getValue().failed() >= minFailed)
                .sorted(Map.Entry.comparingByKey())
                .map(sender -> new Alert(AlertRaised.RULE_SENDER_WIDE_FAILURE, sender.getKey(), day.toString(),
                        AlertRaised.CRITICAL,
                        sender.getKey() + " could not deliver securely to " + domain,
                        "Every TLS session from " + sender.getKey() + " to " + domain + " failed on " + day + ".",
                        List.of(new Evidence("Sender", sender.getKey()),
                                new Evidence("Failed sessions", Format.failedOf(sender.getValue())),
                                new Evidence("Failure types that day (all senders)",
                                        Format.top(today.get().failedByType(), 5))),
                        topType == null ? "Open the sender's report on the domain page."
                                : FailureAdvice.forType(topType, domain)))
                .toList();
    }
}
