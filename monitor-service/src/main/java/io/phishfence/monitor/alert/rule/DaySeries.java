package io.phishfence.monitor.alert.rule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** A domain's report days, in order; days without reports are absent. */
public final class DaySeries {

    private final NavigableMap<LocalDate, DayStats> days;

    private DaySeries(NavigableMap<LocalDate, DayStats> days) {
        this.days = days;
    }

    public static DaySeries of(List<DayStats> days) {
        var map = new TreeMap<LocalDate, DayStats>();
        days.stream().filter(DayStats::hasReports).forEach(d -> map.put(d.day(), d));
        return new DaySeries(map);
    }

    public Optional<DayStats> on(LocalDate day) {
        return Optional.ofNullable(days.get(day));
    }

    /** The days with reports from {@code from} (inclusive) to {@code to} (exclusive). */
    public List<DayStats> between(LocalDate from, LocalDate to) {
        return List.copyOf(days.subMap(from, true, to, false).values());
    }

    /** The last day with reports before {@code day}. */
    public Optional<LocalDate> lastBefore(LocalDate day) {
        return Optional.ofNullable(days.lowerKey(day));
    }

    /** Builds series row by row, as the roll-up tables hold them. */
    public static final class Builder {
        private final Map<LocalDate, Map<String, Sessions>> senders = new HashMap<>();
        private final Map<LocalDate, Map<String, Long>> types = new HashMap<>();

        public Builder sender(LocalDate day, String organization, long successful, long failed) {
            senders.computeIfAbsent(day, d -> new HashMap<>())
                    .merge(organization, new Sessions(successful, failed), Sessions::plus);
            return this;
        }

        public Builder failureType(LocalDate day, String resultType, long failed) {
            types.computeIfAbsent(day, d -> new HashMap<>()).merge(resultType, failed, Long::sum);
            return this;
        }

        public DaySeries build() {
            var days = new ArrayList<DayStats>();
            senders.forEach((day, bySender) -> days.add(new DayStats(day, types.getOrDefault(day, Map.of()), bySender)));
            return of(days);
        }
    }

    public static Builder builder() {
        return new Builder();
    }
}
