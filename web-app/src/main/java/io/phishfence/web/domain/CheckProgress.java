package io.phishfence.web.domain;

import io.phishfence.events.DomainChecked;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a "Check now" stands. The domain page, opened right after the button with the time it was pressed, polls
 * its status section (htmx) until a check that ended after that time is stored, and stops waiting after a while.
 *
 * @param requestedAt when "Check now" was pressed (epoch milliseconds), or null when the page shows no request
 * @param waiting the result has not arrived yet: the section keeps polling
 * @param overdue the result is later than a check ever takes: say so rather than poll forever
 */
public record CheckProgress(Long requestedAt, boolean waiting, boolean overdue) {

    /** Far longer than a check takes (its steps are limited to seconds); after this, something is wrong. */
    static final Duration PATIENCE = Duration.ofMinutes(2);

    static final CheckProgress NONE = new CheckProgress(null, false, false);

    /**
     * @param checking the {@code checking} parameter of the page: epoch milliseconds, anything else is ignored
     * @param latest the domain's latest stored check, or null
     */
    static CheckProgress of(String checking, DomainChecked latest, Instant now) {
        Instant requested = parse(checking);
        if (requested == null || requested.isAfter(now)) {
            return NONE;
        }
        boolean arrived = latest != null && !latest.checkedAt().isBefore(requested);
        if (arrived) {
            return NONE;
        }
        boolean overdue = Duration.between(requested, now).compareTo(PATIENCE) > 0;
        return new CheckProgress(requested.toEpochMilli(), !overdue, overdue);
    }

    private static Instant parse(String checking) {
        if (checking == null || checking.isEmpty() || checking.length() > 15) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(checking));
        } catch (NumberFormatException notATime) {
            return null;
        }
    }
}
