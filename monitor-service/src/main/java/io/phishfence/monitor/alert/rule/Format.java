package io.phishfence.monitor.alert.rule;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** How numbers read in alerts: "240 of 1,200 (20.0%)". */
final class Format {

    private Format() {
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String failedOf(Sessions sessions) {
        return count(sessions.failed()) + " of " + count(sessions.total()) + " (" + percent(sessions.failureRatio())
                + ")";
    }

    /** The largest entries first, at most {@code limit}: "certificate-expired: 200, starttls-not-supported: 40". */
    static String top(Map<String, Long> counts, int limit) {
        return largestFirst(counts).limit(limit).map(e -> e.getKey() + ": " + count(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** The key with the largest count, or null. */
    static String largest(Map<String, Long> counts) {
        return largestFirst(counts).findFirst().map(Map.Entry::getKey).orElse(null);
    }

    /** Ties go by name, so that the same counts always read the same. */
    private static Stream<Map.Entry<String, Long>> largestFirst(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()));
    }
}
