package io.phishfence.monitor.alert;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.AlertResolved;
import io.phishfence.events.DomainChecked;
import io.phishfence.monitor.alert.rule.CheckRegressionRule;
import io.phishfence.monitor.db.NativeRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Regressions and recoveries of each domain's checks. The first check of a domain only sets the baseline, so a
 * domain added before it is set up does not alert about everything it lacks; a check older than the last one
 * seen (a replay, or a late delivery) changes nothing.
 */
@ApplicationScoped
public class CheckAlerts {

    private final EntityManager entityManager;
    private final AlertLog log;
    private final AlertPublisher publisher;
    private final CheckRegressionRule rule;
    private final Clock clock = Clock.systemUTC();

    CheckAlerts(EntityManager entityManager, AlertLog log, AlertPublisher publisher, AlertConfig config) {
        this.entityManager = entityManager;
        this.log = log;
        this.publisher = publisher;
        this.rule = new CheckRegressionRule(config.warningCodes());
    }

    private record Last(Instant checkedAt, Set<String> codes) {
    }

    @Transactional
    public void onCheck(DomainChecked check) {
        String tenantId = check.tenantId();
        String domain = check.domain();
        var alerting = rule.alerting(check);
        var last = recordAlerting(tenantId, domain, check.checkedAt(), alerting.keySet());
        if (last == null || !check.checkedAt().isAfter(last.checkedAt())) {
            return;
        }
        Instant now = clock.instant();
        for (var alert : rule.regressions(check, last.codes())) {
            if (log.raise(tenantId, domain, alert, true, now)) {
                publisher.raised(alert.toEvent(tenantId, domain, now));
            }
        }
        // An open alert of this rule is about a code that was alerting at the last check: each check raises only
        // codes it alerts on, stores them, and resolves the open alerts whose code it no longer alerts on. So when
        // every code of the last check still alerts, nothing can be resolved, and the domain's open alerts need not
        // be read (most checks, at one statement each).
        if (alerting.keySet().containsAll(last.codes())) {
            return;
        }
        for (var open : log.open(tenantId, domain, AlertRaised.RULE_CHECK_REGRESSION)) {
            if (!alerting.containsKey(open.subject())) {
                log.resolve(tenantId, open, now);
                publisher.resolved(AlertResolved.of(tenantId, domain, open.alertId(), open.rule(), open.subject(), now,
                        "Recovered on " + domain + ": " + open.subject(),
                        "The check at " + check.checkedAt() + " no longer finds " + open.subject() + "."));
            }
        }
    }

    /**
     * Stores the codes the check alerts on, unless the stored ones are from a later check (a replay, a late
     * delivery), and returns those stored before: null for the domain's first check. One statement: the statements
     * of a WITH share one snapshot, so "previous" reads the row as it was before the upsert beside it.
     */
    private Last recordAlerting(String tenantId, String domain, Instant checkedAt, Set<String> codes) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                with previous as (
                    select checked_at, codes from alert_check_state where tenant_id = ?1 and domain = ?2
                ), latest as (
                    insert into alert_check_state (tenant_id, domain, checked_at, codes) values (?1, ?2, ?3, ?4)
                    on conflict (tenant_id, domain) do update set checked_at = excluded.checked_at, codes = excluded.codes
                    where alert_check_state.checked_at < excluded.checked_at
                )
                select checked_at, codes from previous
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, checkedAt)
                .setParameter(4, String.join(" ", codes)).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Instant at = NativeRows.instant(rows.get(0)[0]);
        String storedCodes = (String) rows.get(0)[1];
        return new Last(at, storedCodes.isBlank() ? Set.of()
                : Arrays.stream(storedCodes.split(" ")).collect(Collectors.toUnmodifiableSet()));
    }
}
