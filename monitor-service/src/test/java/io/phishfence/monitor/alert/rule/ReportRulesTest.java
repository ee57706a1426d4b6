package io.phishfence.monitor.alert.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.FailureSpikeThresholds;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The report rules as tables: a domain's day series in, alerts out. */
class ReportRulesTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-28");
    static final String DOMAIN = "example.com";
    static final FailureSpikeRule SPIKE = new FailureSpikeRule(new FailureSpikeThresholds(10, 3, 5, 14));

    /** Fourteen ordinary days before DAY: 1,000 sessions a day, {@code failedPerDay} of them failed. */
    static DaySeries.Builder history(long failedPerDay) {
        var series = DaySeries.builder();
        for (int back = 1; back <= 14; back++) {
            series.sender(DAY.minusDays(back), "Google LLC", 1_000 - failedPerDay, failedPerDay);
            if (failedPerDay > 0) {
                series.failureType(DAY.minusDays(back), "certificate-expired", failedPerDay);
            }
        }
        return series;
    }

    static Stream<Arguments> spikes() {
        return Stream.of(
                // history failed/1000 a day, DAY successful, DAY failed, alert severity or null
                Arguments.of("quiet domain stays quiet", 0, 1_000, 0, null),
                Arguments.of("noise under the minimum count", 0, 1_000, 9, null),
                Arguments.of("10 failures but under +5 points", 0, 1_000, 10, null),
                Arguments.of("usual 2%, today 4%: not 3x", 20, 960, 40, null),
                Arguments.of("usual 2%, today 6%: 3x but only +4 points", 20, 940, 60, null),
                Arguments.of("usual 2%, today 8%: 4x and +6 points", 20, 920, 80, AlertRaised.WARNING),
                Arguments.of("quiet domain, 20% failed", 0, 800, 200, AlertRaised.WARNING),
                Arguments.of("half the sessions fail: critical", 10, 500, 500, AlertRaised.CRITICAL),
                Arguments.of("usual 30%, today 40%: within its normal", 300, 600, 400, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spikes")
    void failureSpike(String name, long usualFailed, long successful, long failed, String severity) {
        var series = history(usualFailed).sender(DAY, "Google LLC", successful, failed)
                .failureType(DAY, "starttls-not-supported", failed).build();
        var alert = SPIKE.evaluate(series, DAY, DOMAIN);
        assertEquals(severity, alert.map(Alert::severity).orElse(null), name);
        alert.ifPresent(a -> {
            assertEquals(AlertRaised.RULE_FAILURE_SPIKE, a.rule());
            assertEquals("2026-11-28", a.occurrence());
            assertTrue(a.advice().contains("STARTTLS"), a.advice());
        });
    }

    static Stream<Arguments> customSpikes() {
        return Stream.of(
                // thresholds (min failed, factor, min points, baseline days), history failed/1000 a day,
                // DAY successful, DAY failed, alert expected
                Arguments.of("a higher minimum count silences 200 failures", 500, 3, 5, 14, 10, 800, 200, false),
                Arguments.of("the higher minimum count reached", 500, 3, 5, 14, 10, 400, 600, true),
                Arguments.of("a lower minimum count hears 5 failures", 5, 3, 5, 14, 0, 95, 5, true),
                Arguments.of("usual 2%, today 5%: factor 2 is enough", 10, 2, 2, 14, 20, 950, 50, true),
                Arguments.of("usual 2%, today 5%: factor 3 is not", 10, 3, 2, 14, 20, 950, 50, false),
                Arguments.of("usual 2%, today 8%: +6 points under a 10-point minimum", 10, 3, 10, 14, 20, 920, 80,
                        false),
                Arguments.of("usual 0%, today 2%: +2 points over a 1-point minimum", 10, 3, 1, 14, 0, 980, 20, true),
                Arguments.of("factor 1.5, usual 2%, today 3.5%", 10, 1.5, 1, 14, 20, 965, 35, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("customSpikes")
    void failureSpikeWithTheDomainsThresholds(String name, long minFailed, double factor, double minPoints,
            int baselineDays, long usualFailed, long successful, long failed, boolean expected) {
        var rule = new FailureSpikeRule(new FailureSpikeThresholds(minFailed, factor, minPoints, baselineDays));
        var series = history(usualFailed).sender(DAY, "Google LLC", successful, failed).build();
        var alert = rule.evaluate(series, DAY, DOMAIN);
        assertEquals(expected, alert.isPresent(), name);
        alert.ifPresent(a -> assertTrue(a.evidence().stream().anyMatch(e -> e.label().equals("Alert rule")
                && e.value().contains("at least " + minFailed + " sessions fail")), a.evidence().toString()));
    }

    @Test
    void theBaselineSpansTheDomainsBaselineDays() {
        // Failing 20% a day for the last 3 days, 0% the 11 days before: a 3-day baseline is 20%, a 14-day one 0%.
        var series = history(0);
        for (int back = 1; back <= 3; back++) {
            series.sender(DAY.minusDays(back), "Google LLC", 0, 250);
        }
        var today = series.sender(DAY, "Google LLC", 700, 300).build();
        assertTrue(new FailureSpikeRule(new FailureSpikeThresholds(10, 3, 5, 14)).evaluate(today, DAY, DOMAIN)
                .isPresent(), "against two quiet weeks 30% is a spike");
        assertTrue(new FailureSpikeRule(new FailureSpikeThresholds(10, 3, 5, 3)).evaluate(today, DAY, DOMAIN)
                .isEmpty(), "against the last three days it is not 3 × their 20%");
    }

    @Test
    void theRuleInTheEvidenceReadsAsTyped() {
        var series = DaySeries.builder().sender(DAY, "Google LLC", 0, 2_000).build();
        var alert = new FailureSpikeRule(new FailureSpikeThresholds(1_500, 2.5, 12.25, 7)).evaluate(series, DAY, DOMAIN);
        assertEquals("An alert when at least 1,500 sessions fail in a day and the failure rate is at least 2.5 × the "
                + "usual rate (the median of the previous 7 days) and 12.25 points above it.",
                alert.orElseThrow().evidence().get(4).value());
    }

    @Test
    void spikeWithoutHistoryIsJudgedOnCountAndPointsAlone() {
        var series = DaySeries.builder().sender(DAY, "Google LLC", 90, 10).build();
        var alert = SPIKE.evaluate(series, DAY, DOMAIN).orElseThrow();
        var evidence = alert.evidence();
        assertEquals("10 of 100 (10.0%)", evidence.get(0).value());
        assertTrue(evidence.get(1).value().startsWith("unknown"), evidence.get(1).value());
    }

    @Test
    void baselineIsTheMedianSoOneBadDayDoesNotRaiseIt() {
        var series = history(0);
        series.sender(DAY.minusDays(3), "Google LLC", 0, 1_000);
        var alert = SPIKE.evaluate(series.sender(DAY, "Google LLC", 900, 100).build(), DAY, DOMAIN);
        assertTrue(alert.isPresent());
        assertEquals("0.0% (median of 14 days)", alert.get().evidence().get(1).value());
    }

    static Stream<Arguments> newTypes() {
        return Stream.of(
                Arguments.of("type seen last week", 7, "certificate-expired", List.of()),
                Arguments.of("type last seen 31 days ago", 31, "certificate-expired", List.of("certificate-expired")),
                Arguments.of("a type never seen", 7, "tlsa-invalid", List.of("tlsa-invalid")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("newTypes")
    void newFailureType(String name, int seenDaysAgo, String todaysType, List<String> expected) {
        var series = DaySeries.builder()
                .sender(DAY.minusDays(seenDaysAgo), "Google LLC", 990, 10)
                .failureType(DAY.minusDays(seenDaysAgo), "certificate-expired", 10)
                .sender(DAY.minusDays(1), "Google LLC", 1_000, 0)
                .sender(DAY, "Google LLC", 995, 5).failureType(DAY, todaysType, 5).build();
        var alerts = new NewFailureTypeRule(30).evaluate(series, DAY, DOMAIN);
        assertEquals(expected, alerts.stream().map(Alert::subject).toList(), name);
    }

    @Test
    void newFailureTypeNeedsHistory() {
        var series = DaySeries.builder().sender(DAY, "Google LLC", 0, 5).failureType(DAY, "tlsa-invalid", 5).build();
        assertEquals(List.of(), new NewFailureTypeRule(30).evaluate(series, DAY, DOMAIN));
    }

    static Stream<Arguments> senders() {
        return Stream.of(
                Arguments.of("everyone partly fails", 10, 5, 10, 5, List.of()),
                Arguments.of("one sender fails entirely", 0, 40, 1_000, 0, List.of("Microsoft")),
                Arguments.of("one of one failed is noise", 0, 1, 1_000, 0, List.of()),
                Arguments.of("both fail entirely", 0, 5, 0, 5, List.of("Google LLC", "Microsoft")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void senderWideFailure(String name, long msOk, long msFailed, long googleOk, long googleFailed,
            List<String> expected) {
        var series = DaySeries.builder().sender(DAY, "Microsoft", msOk, msFailed)
                .sender(DAY, "Google LLC", googleOk, googleFailed).build();
        var alerts = new SenderWideFailureRule(5).evaluate(series, DAY, DOMAIN);
        assertEquals(expected, alerts.stream().map(Alert::subject).toList(), name);
        alerts.forEach(a -> assertEquals(AlertRaised.CRITICAL, a.severity()));
    }

    static Stream<Arguments> silences() {
        return Stream.of(
                // daily reports until (days before today), how many days in a row, alert expected
                Arguments.of("reports through yesterday's report day", 2, 10, false),
                Arguments.of("two silent complete days", 4, 10, false),
                Arguments.of("three silent complete days", 5, 10, true),
                Arguments.of("a month silent", 30, 10, true),
                Arguments.of("silent, but it never reported daily", 5, 6, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("silences")
    void reportsStopped(String name, int lastDaysAgo, int daysInARow, boolean expected) {
        var series = DaySeries.builder();
        for (int i = 0; i < daysInARow; i++) {
            series.sender(DAY.minusDays(lastDaysAgo + i), "Google LLC", 100, 0);
        }
        var alert = new ReportsStoppedRule(3, 7).evaluate(series.build(), DAY, DOMAIN);
        assertEquals(expected, alert.isPresent(), name);
        alert.ifPresent(a -> assertEquals(DAY.minusDays(lastDaysAgo).toString(), a.occurrence(),
                "the last day with reports identifies the silence"));
    }
}
