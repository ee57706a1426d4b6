package io.phishfence.web.report;

import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.tlsrpt.FailureDetail;
import io.phishfence.events.tlsrpt.PolicyResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the daily roll-ups ({@code report_daily}, {@code report_daily_failure}) that dashboards read, so a
 * year of reports costs a few rows per day and sender. Called in the transaction that stores a new report:
 * a report counts once, or (when its transaction rolls back) not at all.
 */
@ApplicationScoped
public class ReportRollups {

    private final EntityManager entityManager;

    ReportRollups(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Adds a newly stored report. The tenant is explicit in the statements: these run outside any request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(TlsReportReceived event) {
        if (event.policyDomain() == null) {
            return;
        }
        var report = event.report();
        LocalDate day = dayOf(event);
        entityManager.createNativeQuery("""
                insert into report_daily (tenant_id, domain, day, organization_name, reports, successful_sessions,
                                          failed_sessions)
                values (?1, ?2, ?3, ?4, 1, ?5, ?6)
                on conflict (tenant_id, domain, day, organization_name) do update
                    set reports = report_daily.reports + 1,
                        successful_sessions = report_daily.successful_sessions + excluded.successful_sessions,
                        failed_sessions = report_daily.failed_sessions + excluded.failed_sessions
                """).setParameter(1, event.tenantId()).setParameter(2, event.policyDomain()).setParameter(3, day)
                .setParameter(4, report.organizationName()).setParameter(5, report.totalSuccessfulSessions())
                .setParameter(6, report.totalFailedSessions()).executeUpdate();
        for (var failure : failuresOf(report.policies()).entrySet()) {
            FailureKey key = failure.getKey();
            entityManager.createNativeQuery("""
                    insert into report_daily_failure (tenant_id, domain, day, organization_name, result_type,
                                                      receiving_mx_hostname, receiving_ip, failed_sessions)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                    on conflict (tenant_id, domain, day, organization_name, result_type, receiving_mx_hostname,
                                 receiving_ip) do update
                        set failed_sessions = report_daily_failure.failed_sessions + excluded.failed_sessions
                    """).setParameter(1, event.tenantId()).setParameter(2, event.policyDomain()).setParameter(3, day)
                    .setParameter(4, report.organizationName()).setParameter(5, key.resultType())
                    .setParameter(6, key.mxHost()).setParameter(7, key.ip()).setParameter(8, failure.getValue())
                    .executeUpdate();
        }
    }

    /** The UTC day a report belongs to: the day its date range starts (RFC 8460 reports cover one UTC day). */
    public static LocalDate dayOf(TlsReportReceived event) {
        return LocalDate.ofInstant(event.report().dateRange().start(), ZoneOffset.UTC);
    }

    /** Failure details summed per (result type, MX host, IP): a sender may list the same key twice. */
    static Map<FailureKey, Long> failuresOf(List<PolicyResult> policies) {
        var sums = new LinkedHashMap<FailureKey, Long>();
        for (PolicyResult policy : policies) {
            for (FailureDetail detail : policy.failureDetails()) {
                var key = new FailureKey(orEmpty(detail.resultType()), orEmpty(detail.receivingMxHostname()),
                        orEmpty(detail.receivingIp()));
                sums.merge(key, detail.failedSessionCount(), Long::sum);
            }
        }
        return sums;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    record FailureKey(String resultType, String mxHost, String ip) {
    }
}
