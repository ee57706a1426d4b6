package io.phishfence.monitor.alert;

import io.phishfence.monitor.domain.DomainConsumer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Looks for domains whose reports stopped, among the domains this instance owns (so each domain is looked at
 * by one instance), and forgets roll-ups older than any rule reads. Nothing arrives to trigger this rule: only a
 * timer can notice silence.
 */
@ApplicationScoped
public class SilenceWatch {

    private static final Logger LOG = Logger.getLogger(SilenceWatch.class);

    private final DomainConsumer domains;
    private final ReportAlerts alerts;
    private final ReportRollups rollups;
    private final int keepDays;

    SilenceWatch(DomainConsumer domains, ReportAlerts alerts, ReportRollups rollups, AlertConfig config) {
        this.domains = domains;
        this.alerts = alerts;
        this.rollups = rollups;
        this.keepDays = config.keepDays();
    }

    @Scheduled(every = "${phishfence.monitor.alerts.reports-stopped.every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void lookForSilence() {
        var today = alerts.today();
        for (var domain : domains.owned()) {
            try {
                alerts.checkSilence(domain.tenantId(), domain.domain(), today);
            } catch (RuntimeException e) {
                LOG.warnf(e, "cannot judge whether reports for %s stopped", domain.key());
            }
        }
        rollups.prune(today, keepDays);
    }
}
