package io.phishfence.web.domain;

import static io.phishfence.events.FailureSpikeThresholds.plain;

import io.phishfence.events.FailureSpikeThresholds;
import io.quarkus.qute.TemplateExtension;
import java.util.List;

/**
 * The "Alert sensitivity" form of a domain as the page shows it: the four fields as typed (or as stored), the bounds
 * the inputs allow, and what was wrong with the last attempt.
 */
public record SpikeThresholdsForm(String minFailed, String factor, String minPoints, String baselineDays,
        List<String> problems) {

    public SpikeThresholdsForm {
        problems = List.copyOf(problems);
    }

    /** The form filled with the thresholds the domain follows now ({@code {domain.spikeForm}} in templates). */
    @TemplateExtension
    static SpikeThresholdsForm spikeForm(Domain domain) {
        FailureSpikeThresholds t = domain.spikeThresholds();
        return new SpikeThresholdsForm(Long.toString(t.minFailed()), plain(t.factor()),
                plain(t.minPoints()), Integer.toString(t.baselineDays()), List.of());
    }

    public long minFailedLowest() {
        return FailureSpikeThresholds.MIN_FAILED_LOWEST;
    }

    public long minFailedHighest() {
        return FailureSpikeThresholds.MIN_FAILED_HIGHEST;
    }

    public String factorLowest() {
        return plain(FailureSpikeThresholds.FACTOR_LOWEST);
    }

    public String factorHighest() {
        return plain(FailureSpikeThresholds.FACTOR_HIGHEST);
    }

    public String minPointsLowest() {
        return plain(FailureSpikeThresholds.MIN_POINTS_LOWEST);
    }

    public String minPointsHighest() {
        return plain(FailureSpikeThresholds.MIN_POINTS_HIGHEST);
    }

    public int baselineDaysLowest() {
        return FailureSpikeThresholds.BASELINE_DAYS_LOWEST;
    }

    public int baselineDaysHighest() {
        return FailureSpikeThresholds.BASELINE_DAYS_HIGHEST;
    }
}
