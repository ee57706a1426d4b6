package io.phishfence.monitor.alert.rule;

import java.time.LocalDate;
import java.util.Map;

/**
 * What all reports about one domain said about one UTC day.
 *
 * @param failedByType failed sessions per RFC 8460 result type
 * @param bySender sessions per reporting organization
 */
public record DayStats(LocalDate day, Map<String, Long> failedByType, Map<String, Sessions> bySender) {

    public DayStats {
        failedByType = Map.copyOf(failedByType);
        bySender = Map.copyOf(bySender);
    }

    public Sessions sessions() {
        return bySender.values().stream().reduce(Sessions.NONE, Sessions::plus);
    }

    public boolean hasReports() {
        return !bySender.isEmpty();
    }
}
