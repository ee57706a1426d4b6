package io.phishfence.web.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.phishfence.events.FailureSpikeThresholds;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The alert-sensitivity form's fields as people type them: the thresholds, or a reason per wrong field. */
class SpikeThresholdsInputTest {

    static Stream<Arguments> typed() {
        return Stream.of(
                // min failed, factor, min points, baseline days, the problems' first words (none: valid)
                Arguments.of("10", "3", "5", "14", List.of()),
                Arguments.of(" 1 ", "1", "0", "3", List.of()),
                Arguments.of("1000000", "100", "100", "30", List.of()),
                Arguments.of("50", "2.5", "12.25", "7", List.of()),
                Arguments.of("50", "2.50", "12.250", "7", List.of()),
                Arguments.of("0", "3", "5", "14", List.of("Minimum")),
                Arguments.of("1000001", "3", "5", "14", List.of("Minimum")),
                Arguments.of("10.5", "3", "5", "14", List.of("Minimum")),
                Arguments.of("1e3", "3", "5", "14", List.of("Minimum")),
                Arguments.of("10", "0.99", "5", "14", List.of("The factor")),
                Arguments.of("10", "2.555", "5", "14", List.of("The factor")),
                Arguments.of("10", "NaN", "5", "14", List.of("The factor")),
                Arguments.of("10", "3", "-1", "14", List.of("The minimum")),
                Arguments.of("10", "3", "100.01", "14", List.of("The minimum")),
                Arguments.of("10", "3", "5", "2", List.of("Baseline")),
                Arguments.of("10", "3", "5", "31", List.of("Baseline")),
                Arguments.of("", null, "ten", "14.0", List.of("Minimum", "The factor", "The minimum")),
                Arguments.of(null, null, null, null, List.of("Minimum", "The factor", "The minimum", "Baseline")));
    }

    @ParameterizedTest(name = "{0} / {1} / {2} / {3}")
    @MethodSource("typed")
    void typedFields(String minFailed, String factor, String minPoints, String baselineDays, List<String> problems) {
        var input = SpikeThresholdsInput.parse(minFailed, factor, minPoints, baselineDays);
        assertEquals(problems, input.problems().stream().map(p -> p.startsWith("The ")
                ? p.substring(0, p.indexOf(' ', 4)) : p.substring(0, p.indexOf(' '))).toList());
        if (problems.isEmpty()) {
            assertEquals(true, input.thresholds().withinBounds());
        } else {
            assertNull(input.thresholds());
        }
    }

    @Test
    void theFormReadsAsTheThresholds() {
        assertEquals(new FailureSpikeThresholds(50, 2.5, 12.25, 7),
                SpikeThresholdsInput.parse("50", "2.5", "12.25", "7").thresholds());
    }

    @Test
    void theApisNumbersAreCheckedTheSameWay() {
        assertEquals(new FailureSpikeThresholds(20, 2, 5, 14), SpikeThresholdsInput.check(20, 2.0, 5, 14).thresholds());
        assertEquals(List.of(SpikeThresholdsInput.MIN_FAILED),
                SpikeThresholdsInput.check(new BigDecimal("20.5"), 2, 5, 14).problems());
        assertEquals(List.of(SpikeThresholdsInput.FACTOR),
                SpikeThresholdsInput.check(20, Double.POSITIVE_INFINITY, 5, 14).problems());
    }
}
