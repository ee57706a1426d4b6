package io.phishfence.web.insight;

import io.phishfence.events.DomainChecked;
import io.phishfence.web.check.DomainCheck;
import io.phishfence.web.domain.Domain;
import io.phishfence.web.insight.ReportSummary.DayTotals;
import io.phishfence.web.insight.ReportSummary.MxFailures;
import io.phishfence.web.insight.ReportSummary.OrganizationTotals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the daily roll-ups of the current tenant (HQL over tenant-scoped entities: Hibernate adds the tenant
 * to every query). Costs a handful of grouped queries however many reports there are.
 */
@ApplicationScoped
public class ReportInsights {

    /** A sender that reported within this many days counts as a regular one... */
    static final int SILENT_LOOKBACK_DAYS = 90;
    /** ...and is silent once it missed this many days: senders report daily, often a day or two late. */
    static final int SILENT_AFTER_DAYS = 3;
    /** The overview judges each domain's traffic over this many days. */
    static final int OVERVIEW_DAYS = 7;
    /** A failure share from which failures are an error, not a warning (percent). */
    static final double FAILURE_ERROR_RATE = 5.0;

    private final EntityManager entityManager;
    private final Clock clock = Clock.systemUTC();

    ReportInsights(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The report panel of a domain for the last {@code days} days (30, 90 or 365; anything else is 30). */
    @Transactional
    public InsightsPanel panel(Domain domain, Integer days) {
        int period = InsightsPanel.period(days);
        LocalDate today = LocalDate.now(clock);
        var range = ReportPeriod.lastDays(period, today);
        return new InsightsPanel(domain, period, summary(domain.name, range.from(), range.to()),
                silentReporters(domain.name, today));
    }

    /** A domain's reports from {@code from} to {@code to}, both included (UTC days). */
    @Transactional
    public ReportSummary summary(String domain, LocalDate from, LocalDate to) {
        var daily = new LinkedHashMap<LocalDate, DayTotals>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            daily.put(day, new DayTotals(day, 0, 0));
        }
        long reports = 0;
        long successful = 0;
        long failed = 0;
        for (Object[] row : rows("""
                select r.day, sum(r.reports), sum(r.successfulSessions), sum(r.failedSessions) from DailyReports r
                where r.domain = :domain and r.day between :from and :to group by r.day""", domain, from, to)) {
            var day = new DayTotals((LocalDate) row[0], (Long) row[2], (Long) row[3]);
            daily.put(day.date(), day);
            reports += (Long) row[1];
            successful += day.successfulSessions();
            failed += day.failedSessions();
        }
        var byOrganization = rows("""
                select r.organizationName, sum(r.reports), sum(r.successfulSessions), sum(r.failedSessions)
                from DailyReports r where r.domain = :domain and r.day between :from and :to
                group by r.organizationName order by sum(r.failedSessions) desc, r.organizationName""", domain, from, to)
                .stream().map(row -> new OrganizationTotals((String) row[0], (Long) row[1], (Long) row[2],
                        (Long) row[3])).toList();
        var byResultType = new LinkedHashMap<String, Long>();
        for (Object[] row : rows("""
                select f.resultType, sum(f.failedSessions) from DailyFailures f
                where f.domain = :domain and f.day between :from and :to
                group by f.resultType order by sum(f.failedSessions) desc, f.resultType""", domain, from, to)) {
            byResultType.put((String) row[0], (Long) row[1]);
        }
        var byMx = rows("""
                select f.receivingMxHostname, f.receivingIp, sum(f.failedSessions) from DailyFailures f
                where f.domain = :domain and f.day between :from and :to
                group by f.receivingMxHostname, f.receivingIp
                order by sum(f.failedSessions) desc, f.receivingMxHostname, f.receivingIp""", domain, from, to)
                .stream().map(row -> new MxFailures((String) row[0], (String) row[1], (Long) row[2])).toList();
        return new ReportSummary(from, to, reports, successful, failed, byResultType, byOrganization, byMx,
                List.copyOf(daily.values()));
    }

    /** Senders that reported for the domain within the last 90 days but not within the last 3. */
    @Transactional
    public List<SilentReporter> silentReporters(String domain, LocalDate today) {
        return silent(today, domain);
    }

    /** Every domain of the tenant, those needing attention first. */
    @Transactional
    public List<DomainAttention> overview(LocalDate today) {
        var traffic = new HashMap<String, long[]>();
        for (Object[] row : entityManager.createQuery("""
                select r.domain, sum(r.successfulSessions), sum(r.failedSessions) from DailyReports r
                where r.day > :since group by r.domain""", Object[].class)
                .setParameter("since", today.minusDays(OVERVIEW_DAYS)).getResultList()) {
            traffic.put((String) row[0], new long[] {(Long) row[1], (Long) row[2]});
        }
        var silentByDomain = new HashMap<String, List<SilentReporter>>();
        for (SilentReporter reporter : silent(today, null)) {
            silentByDomain.computeIfAbsent(reporter.domain(), d -> new ArrayList<>()).add(reporter);
        }
        var checks = new HashMap<String, DomainChecked>();
        for (DomainCheck check : DomainCheck.<DomainCheck>listAll()) {
            checks.put(check.domain, check.result());
        }
        var overview = new ArrayList<DomainAttention>();
        for (Domain domain : Domain.listByName()) {
            long[] sessions = traffic.getOrDefault(domain.name, new long[2]);
            overview.add(Attention.of(domain, checks.get(domain.name), sessions[0], sessions[1],
                    silentByDomain.getOrDefault(domain.name, List.of())));
        }
        Comparator<DomainAttention> byRate = Comparator.comparingDouble(DomainAttention::failureRate);
        Comparator<DomainAttention> byName = Comparator.comparing((DomainAttention a) -> a.domain().name);
        overview.sort(Comparator.comparingInt(DomainAttention::rank).thenComparing(byRate.reversed())
                .thenComparing(byName));
        return overview;
    }

    private List<SilentReporter> silent(LocalDate today, String domain) {
        var query = entityManager.createQuery("""
                select r.domain, r.organizationName, max(r.day) from DailyReports r
                where r.day >= :since""" + (domain == null ? "" : " and r.domain = :domain") + """
                 group by r.domain, r.organizationName having max(r.day) <= :quietSince
                order by r.domain, max(r.day) desc, r.organizationName""", Object[].class)
                .setParameter("since", today.minusDays(SILENT_LOOKBACK_DAYS))
                .setParameter("quietSince", today.minusDays(SILENT_AFTER_DAYS));
        if (domain != null) {
            query.setParameter("domain", domain);
        }
        return query.getResultList().stream()
                .map(row -> new SilentReporter((String) row[0], (String) row[1], (LocalDate) row[2])).toList();
    }

    private List<Object[]> rows(String hql, String domain, LocalDate from, LocalDate to) {
        return entityManager.createQuery(hql, Object[].class).setParameter("domain", domain)
                .setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** How much a domain needs attention: its latest check, its failure share, its silent senders. */
    static final class Attention {

        private Attention() {
        }

        static DomainAttention of(Domain domain, DomainChecked check, long successful, long failed,
                List<SilentReporter> silent) {
            var reasons = new ArrayList<String>();
            String level = "ok";
            if (check != null) {
                long errors = check.components().stream().filter(c -> c.status().equals("error")).count();
                long warnings = check.components().stream()
                        .filter(c -> c.status().equals("warning") || c.status().equals("missing")).count();
                if (errors > 0) {
                    level = "error";
                    reasons.add(errors + (errors == 1 ? " component has errors" : " components have errors"));
                }
                if (warnings > 0) {
                    level = worse(level, "warning");
                    reasons.add(warnings + (warnings == 1 ? " component needs a look" : " components need a look"));
                }
            }
            long total = successful + failed;
            if (failed > 0) {
                double rate = 100.0 * failed / total;
                level = worse(level, rate >= FAILURE_ERROR_RATE ? "error" : "warning");
                reasons.add(String.format(java.util.Locale.ROOT, "%.1f%% of sessions failed in the last %d days",
                        rate, OVERVIEW_DAYS));
            }
            if (!silent.isEmpty()) {
                level = worse(level, "warning");
                reasons.add(silent.size() == 1 ? silent.get(0).organizationName() + " stopped reporting"
                        : silent.size() + " senders stopped reporting");
            }
            if (check == null && total == 0 && level.equals("ok")) {
                level = "unknown";
                reasons.add("Not checked yet and no reports in the last " + OVERVIEW_DAYS + " days");
            }
            return new DomainAttention(domain, level, List.copyOf(reasons), successful, failed);
        }

        private static String worse(String a, String b) {
            return DomainAttention.rankOf(a) <= DomainAttention.rankOf(b) ? a : b;
        }
    }
}
