package io.phishfence.web.domain;

import static io.phishfence.events.FailureSpikeThresholds.BASELINE_DAYS_HIGHEST;
import static io.phishfence.events.FailureSpikeThresholds.BASELINE_DAYS_LOWEST;
import static io.phishfence.events.FailureSpikeThresholds.FACTOR_HIGHEST;
import static io.phishfence.events.FailureSpikeThresholds.FACTOR_LOWEST;
import static io.phishfence.events.FailureSpikeThresholds.MIN_FAILED_HIGHEST;
import static io.phishfence.events.FailureSpikeThresholds.MIN_FAILED_LOWEST;
import static io.phishfence.events.FailureSpikeThresholds.MIN_POINTS_HIGHEST;
import static io.phishfence.events.FailureSpikeThresholds.MIN_POINTS_LOWEST;
import static io.phishfence.events.FailureSpikeThresholds.plain;

import io.phishfence.events.FailureSpikeThresholds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Failure-spike thresholds as a person types them (the form) or sends them (the API), checked against the bounds
 * of {@link FailureSpikeThresholds}: either the thresholds, or a sentence per field that is wrong.
 */
public record SpikeThresholdsInput(FailureSpikeThresholds thresholds, List<String> problems) {

    /** Factor and points take cents at most: finer steps are not a setting anyone means. */
    static final int DECIMALS = 2;

    static final String MIN_FAILED = "Minimum failed sessions must be a whole number from "
            + plain(MIN_FAILED_LOWEST) + " to " + plain(MIN_FAILED_HIGHEST) + ".";
    static final String FACTOR = "The factor over the usual rate must be a number from "
            + plain(FACTOR_LOWEST) + " to " + plain(FACTOR_HIGHEST) + ", with at most two decimals.";
    static final String MIN_POINTS = "The minimum rise must be a number of percentage points from "
            + plain(MIN_POINTS_LOWEST) + " to " + plain(MIN_POINTS_HIGHEST) + ", with at most two decimals.";
    static final String BASELINE_DAYS = "Baseline days must be a whole number from " + BASELINE_DAYS_LOWEST + " to "
            + BASELINE_DAYS_HIGHEST + ".";

    public SpikeThresholdsInput {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The form's four fields, as typed (blank or not a number is a problem like any other). */
    public static SpikeThresholdsInput parse(String minFailed, String factor, String minPoints, String baselineDays) {
        return check(decimal(minFailed), decimal(factor), decimal(minPoints), decimal(baselineDays));
    }

    /** The API's four numbers; a missing one (null) is a problem. */
    public static SpikeThresholdsInput check(Number minFailed, Number factor, Number minPoints, Number baselineDays) {
        return check(decimal(minFailed), decimal(factor), decimal(minPoints), decimal(baselineDays));
    }

    private static SpikeThresholdsInput check(BigDecimal minFailed, BigDecimal factor, BigDecimal minPoints,
            BigDecimal baselineDays) {
        var problems = new ArrayList<String>();
        if (!within(minFailed, 0, MIN_FAILED_LOWEST, MIN_FAILED_HIGHEST)) {
            problems.add(MIN_FAILED);
        }
        if (!within(factor, DECIMALS, FACTOR_LOWEST, FACTOR_HIGHEST)) {
            problems.add(FACTOR);
        }
        if (!within(minPoints, DECIMALS, MIN_POINTS_LOWEST, MIN_POINTS_HIGHEST)) {
            problems.add(MIN_POINTS);
        }
        if (!within(baselineDays, 0, BASELINE_DAYS_LOWEST, BASELINE_DAYS_HIGHEST)) {
            problems.add(BASELINE_DAYS);
        }
        if (!problems.isEmpty()) {
            return new SpikeThresholdsInput(null, problems);
        }
        return new SpikeThresholdsInput(new FailureSpikeThresholds(minFailed.longValueExact(), factor.doubleValue(),
                minPoints.doubleValue(), baselineDays.intValueExact()), List.of());
    }

    private static boolean within(BigDecimal value, int decimals, double lowest, double highest) {
        return value != null && value.stripTrailingZeros().scale() <= decimals
                && value.compareTo(BigDecimal.valueOf(lowest)) >= 0 && value.compareTo(BigDecimal.valueOf(highest)) <= 0;
    }

    /** Null for what is not a plain decimal number ("1e3", "NaN", "ten" and blanks included). */
    private static BigDecimal decimal(String text) {
        if (text == null || !text.strip().matches("[+-]?\\d{1,12}(\\.\\d{1,12})?")) {
            return null;
        }
        return new BigDecimal(text.strip());
    }

    private static BigDecimal decimal(Number number) {
        if (number == null || number instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        return number instanceof BigDecimal b ? b : new BigDecimal(number.toString());
    }
}
