package io.phishfence.monitor.alert;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertResolved;
import io.phishfence.events.FailureSpikeThresholds;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.monitor.alert.rule.Alert;
import io.phishfence.monitor.alert.rule.FailureSpikeRule;
import io.phishfence.monitor.alert.rule.NewFailureTypeRule;
import io.phishfence.monitor.alert.rule.ReportsStoppedRule;
import io.phishfence.monitor.alert.rule.SenderWideFailureRule;
import io.phishfence.monitor.domain.MonitoredDomains;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The report rules: each report is counted into its domain's day, and the day is judged again (spike, new
 * failure type, sender-wide failure); a domain that stopped receiving reports is found by {@link #checkSilence}.
 * Counting, logging and publishing happen in one transaction, so a replay raises nothing twice. The spike is judged
 * by the domain's own thresholds when its owner set some (ADR 0014), otherwise by the configured ones.
 */
@ApplicationScoped
public class ReportAlerts {

    private final ReportRollups rollups;
    private final AlertLog log;
    private final AlertPublisher publisher;
    private final MonitoredDomains domains;
    private final FailureSpikeThresholds defaultSpike;
    private final NewFailureTypeRule newType;
    private final int newTypeLookbackDays;
    private final SenderWideFailureRule senderWide;
    private final ReportsStoppedRule stopped;
    private final int silenceLookbackDays;
    private final Clock clock = Clock.systemUTC();

    ReportAlerts(ReportRollups rollups, AlertLog log, AlertPublisher publisher, MonitoredDomains domains,
            AlertConfig config) {
        this.rollups = rollups;
        this.log = log;
        this.publisher = publisher;
        this.domains = domains;
        var s = config.spike();
        this.defaultSpike = new FailureSpikeThresholds(s.minFailed(), s.factor(), s.minPoints(), s.baselineDays());
        this.newTypeLookbackDays = config.newTypeLookbackDays();
        this.newType = new NewFailureTypeRule(newTypeLookbackDays);
        this.senderWide = new SenderWideFailureRule(config.senderWideMinFailed());
        var r = config.reportsStopped();
        this.stopped = new ReportsStoppedRule(r.silentDays(), r.dailyDays());
        this.silenceLookbackDays = Math.max(s.baselineDays(), newTypeLookbackDays);
    }

    @Transactional
    public void onReport(TlsReportReceived event) {
        Instant now = clock.instant();
        var counted = rollups.count(event, now);
        if (counted.isEmpty()) {
            return;
        }
        String tenantId = event.tenantId();
        String domain = event.policyDomain();
        LocalDate day = counted.get();
        var spike = new FailureSpikeRule(domains.spikeThresholds(tenantId, domain).orElse(defaultSpike));
        int lookbackDays = Math.max(spike.thresholds().baselineDays(), newTypeLookbackDays);
        var series = rollups.series(tenantId, domain, day.minusDays(lookbackDays), day);
        var alerts = new ArrayList<Alert>();
        spike.evaluate(series, day, domain).ifPresent(alerts::add);
        alerts.addAll(newType.evaluate(series, day, domain));
        alerts.addAll(senderWide.evaluate(series, day, domain));
        raise(tenantId, domain, alerts, false, now);
        for (var silence : log.open(tenantId, domain, AlertRaised.RULE_REPORTS_STOPPED)) {
            if (day.isAfter(LocalDate.parse(silence.occurrence()))) {
                log.resolve(tenantId, silence, now);
                publisher.resolved(AlertResolved.of(tenantId, domain, silence.alertId(), silence.rule(), "", now,
                        "TLS reports for " + domain + " arrive again",
                        "A report for " + day + " arrived: " + domain + " is receiving TLS reports again."));
            }
        }
    }

    /** Raises "reports stopped" for the domain when it has been silent long enough. */
    @Transactional
    public void checkSilence(String tenantId, String domain, LocalDate today) {
        var series = rollups.series(tenantId, domain, today.minusDays(silenceLookbackDays), today);
        var alert = stopped.evaluate(series, today, domain);
        if (alert.isPresent()) {
            raise(tenantId, domain, List.of(alert.get()), true, clock.instant());
        }
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private void raise(String tenantId, String domain, List<Alert> alerts, boolean stateful, Instant now) {
        for (var alert : alerts) {
            if (log.raise(tenantId, domain, alert, stateful, now)) {
                publisher.raised(alert.toEvent(tenantId, domain, now));
            }
        }
    }
}
