package io.phishfence.web.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Chart.js configurations, built here and handed to the page as JSON in a data attribute (escaped by Qute,
 * parsed by the browser), so that sender-controlled labels are data, never markup or script.
 */
final class ChartSpecs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "#2e9d57";
    private static final String BAD = "#b00020";

    private ChartSpecs() {
    }

    static String daily(ReportSummary summary) {
        var days = summary.daily();
        return write(Map.of("type", "bar",
                "data", Map.of("labels", days.stream().map(d -> d.date().toString()).toList(),
                        "datasets", List.of(
                                dataset("Successful sessions", days.stream().map(ReportSummary.DayTotals::successfulSessions).toList(), GOOD),
                                dataset("Failed sessions", days.stream().map(ReportSummary.DayTotals::failedSessions).toList(), BAD))),
                "options", Map.of("animation", false, "maintainAspectRatio", false,
                        "scales", Map.of("x", Map.of("stacked", true), "y", Map.of("stacked", true)))));
    }

    /** Horizontal bars of failed sessions, one per label. */
    static String failures(List<String> labels, List<Long> failed) {
        return write(Map.of("type", "bar",
                "data", Map.of("labels", labels, "datasets", List.of(dataset("Failed sessions", failed, BAD))),
                "options", Map.of("animation", false, "maintainAspectRatio", false, "indexAxis", "y",
                        "plugins", Map.of("legend", Map.of("display", false)))));
    }

    private static Map<String, Object> dataset(String label, List<Long> values, String colour) {
        return Map.of("label", label, "data", values, "backgroundColor", colour);
    }

    private static String write(Object spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chart of plain values always serializes", e);
        }
    }
}
