package io.phishfence.monitor.alert;

import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.monitor.alert.rule.DaySeries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Each domain's reports rolled up by UTC day, sender and failure type: the series the report rules read. A
 * report counts once (by its natural key), for the day its date range starts on, and only for the policies
 * about the domain it was accepted for.
 */
@ApplicationScoped
public class ReportRollups {

    private final EntityManager entityManager;

    ReportRollups(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Adds a report to its domain's day, in the caller's transaction.
     *
     * @return the day it counted for, or empty when it was counted before or names no domain
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<LocalDate> count(TlsReportReceived event, Instant now) {
        var report = event.report();
        if (event.policyDomain() == null || report.dateRange() == null || report.dateRange().start() == null) {
            return Optional.empty();
        }
        int fresh = entityManager.createNativeQuery("""
                insert into report_seen (tenant_id, organization_name, report_id, start_at, end_at, counted_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing
                """).setParameter(1, event.tenantId()).setParameter(2, report.organizationName())
                .setParameter(3, report.reportId()).setParameter(4, report.dateRange().start())
                .setParameter(5, report.dateRange().end()).setParameter(6, now).executeUpdate();
        if (fresh == 0) {
            return Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(report.dateRange().start(), ZoneOffset.UTC);
        long successful = 0;
        long failed = 0;
        for (PolicyResult policy : report.policies()) {
            if (!aboutDomain(policy, event.policyDomain())) {
                continue;
            }
            successful += policy.summary().totalSuccessfulSessionCount();
            failed += policy.summary().totalFailureSessionCount();
            for (var detail : policy.failureDetails()) {
                addFailure(event.tenantId(), event.policyDomain(), day,
                        detail.resultType() == null ? "unknown" : detail.resultType(), detail.failedSessionCount());
            }
        }
        entityManager.createNativeQuery("""
                insert into report_day (tenant_id, domain, day, organization_name, successful, failed)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (tenant_id, domain, day, organization_name) do update
                set successful = report_day.successful + excluded.successful, failed = report_day.failed + excluded.failed
                """).setParameter(1, event.tenantId()).setParameter(2, event.policyDomain())
                .setParameter(3, day).setParameter(4, organization(report.organizationName()))
                .setParameter(5, successful).setParameter(6, failed).executeUpdate();
        return Optional.of(day);
    }

    /** The domain's days from {@code from} (inclusive) to {@code to} (inclusive). */
    @Transactional
    public DaySeries series(String tenantId, String domain, LocalDate from, LocalDate to) {
        var series = DaySeries.builder();
        rows("""
                select day, organization_name, successful, failed from report_day
                where tenant_id = ?1 and domain = ?2 and day between ?3 and ?4
                """, tenantId, domain, from, to).forEach(row -> series.sender(day(row[0]),
                (String) row[1], ((Number) row[2]).longValue(), ((Number) row[3]).longValue()));
        rows("""
                select day, result_type, failed from report_day_failure
                where tenant_id = ?1 and domain = ?2 and day between ?3 and ?4
                """, tenantId, domain, from, to).forEach(row -> series.failureType(day(row[0]),
                (String) row[1], ((Number) row[2]).longValue()));
        return series.build();
    }

    /** Forgets days (and counted-report keys) older than {@code keepDays}. */
    @Transactional
    public void prune(LocalDate today, int keepDays) {
        LocalDate oldest = today.minusDays(keepDays);
        for (String table : List.of("report_day", "report_day_failure")) {
            entityManager.createNativeQuery("delete from " + table + " where day < ?1")
                    .setParameter(1, oldest).executeUpdate();
        }
        entityManager.createNativeQuery("delete from report_seen where start_at < ?1")
                .setParameter(1, oldest.atStartOfDay(ZoneOffset.UTC).toInstant()).executeUpdate();
    }

    private void addFailure(String tenantId, String domain, LocalDate day, String resultType, long failed) {
        entityManager.createNativeQuery("""
                insert into report_day_failure (tenant_id, domain, day, result_type, failed) values (?1, ?2, ?3, ?4, ?5)
                on conflict (tenant_id, domain, day, result_type) do update
                set failed = report_day_failure.failed + excluded.failed
                """).setParameter(1, tenantId).setParameter(2, domain).setParameter(3, day)
                .setParameter(4, resultType).setParameter(5, failed).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String tenantId, String domain, LocalDate from, LocalDate to) {
        return entityManager.createNativeQuery(sql).setParameter(1, tenantId).setParameter(2, domain)
                .setParameter(3, from).setParameter(4, to).getResultList();
    }

    /** A policy without policy-domain (seen with no-policy-found) is about the domain the report was sent for. */
    private static boolean aboutDomain(PolicyResult policy, String domain) {
        String named = policy.policy() == null ? null : policy.policy().policyDomain();
        return named == null || named.equalsIgnoreCase(domain);
    }

    /** Hibernate 6 reads a date column as LocalDate; older drivers' java.sql.Date is accepted too. */
    private static LocalDate day(Object column) {
        return column instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) column;
    }

    private static String organization(String name) {
        return name == null || name.isBlank() ? "(unnamed sender)" : name;
    }
}
