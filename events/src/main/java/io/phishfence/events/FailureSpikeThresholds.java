package io.phishfence.events;

import java.util.Locale;

/**
 * A domain's own thresholds for the failure-spike alert, carried on {@link DomainUpserted}: a UTC day alerts when
 * at least {@code minFailed} sessions failed, and its failure ratio is at least {@code factor} times the domain's
 * usual ratio (the median of the previous {@code baselineDays} days with reports) and at least {@code minPoints}
 * percentage points above it.
 *
 * <p>The bounds are part of the contract: web-app refuses values outside them, and monitor-service judges a
 * domain whose thresholds are outside them (a producer with other bounds) by its defaults. The constructor does not
 * throw, so that such a message is still read and the domain still checked.
 */
public record FailureSpikeThresholds(long minFailed, double factor, double minPoints, int baselineDays) {

    /** What a domain without thresholds of its own gets (monitor-service's configured defaults ship as these). */
    public static final FailureSpikeThresholds DEFAULTS = new FailureSpikeThresholds(10, 3, 5, 14);

    /** One failed session is always noise; a million a day is beyond any domain we serve. */
    public static final long MIN_FAILED_LOWEST = 1;
    public static final long MIN_FAILED_HIGHEST = 1_000_000;
    /** Below 1 a day would alert while failing less than usual. */
    public static final double FACTOR_LOWEST = 1;
    public static final double FACTOR_HIGHEST = 100;
    public static final double MIN_POINTS_LOWEST = 0;
    /** A ratio cannot rise more than 100 points. */
    public static final double MIN_POINTS_HIGHEST = 100;
    /** The rule needs reports on 3 of the baseline days before it trusts a baseline. */
    public static final int BASELINE_DAYS_LOWEST = 3;
    /** The monitor keeps 45 days of roll-ups and reads 30 for its longest rule. */
    public static final int BASELINE_DAYS_HIGHEST = 30;

    /** Whether every threshold is within the bounds above (NaN is not). */
    public boolean withinBounds() {
        return minFailed >= MIN_FAILED_LOWEST && minFailed <= MIN_FAILED_HIGHEST
                && factor >= FACTOR_LOWEST && factor <= FACTOR_HIGHEST
                && minPoints >= MIN_POINTS_LOWEST && minPoints <= MIN_POINTS_HIGHEST
                && baselineDays >= BASELINE_DAYS_LOWEST && baselineDays <= BASELINE_DAYS_HIGHEST;
    }

    /**
     * The rule in plain words with these numbers, as the domain page and the alert's evidence say it: "An alert when
     * at least 10 sessions fail in a day and the failure rate is at least 3 × the usual rate (the median of the
     * previous 14 days) and 5 points above it."
     */
    public String inWords() {
        return "An alert when at least " + plain(minFailed) + (minFailed == 1 ? " session fails" : " sessions fail")
                + " in a day and the failure rate is at least " + plain(factor)
                + " × the usual rate (the median of the previous " + baselineDays + " days) and " + plain(minPoints)
                + (minPoints == 1 ? " point" : " points") + " above it.";
    }

    /** A threshold as people type it: "3" for 3.0, "2.5", "12.25", "1,000". */
    public static String plain(double n) {
        return n == Math.rint(n) ? String.format(Locale.ROOT, "%,d", (long) n)
                : String.format(Locale.ROOT, "%,.2f", n).replaceAll("0$", "");
    }
}
