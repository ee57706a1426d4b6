package io.phishfence.web.insight;

import io.phishfence.web.domain.Domain;
import java.util.List;

/**
 * One domain on the tenant overview, with how much it needs attention and why.
 *
 * @param level {@code error}, {@code warning}, {@code unknown} (never checked, no reports) or {@code ok}
 * @param reasons what needs attention, in plain words, most serious first
 */
public record DomainAttention(Domain domain, String level, List<String> reasons, long successfulSessions,
        long failedSessions) {

    int rank() {
        return rankOf(level);
    }

    /** Sort rank of a level: lower needs attention sooner. */
    static int rankOf(String level) {
        return switch (level) {
            case "error" -> 0;
            case "warning" -> 1;
            case "unknown" -> 2;
            default -> 3;
        };
    }

    public double failureRate() {
        long total = successfulSessions + failedSessions;
        return total == 0 ? 0 : 100.0 * failedSessions / total;
    }
}
