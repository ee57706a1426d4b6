package io.phishfence.web.report;

import io.phishfence.events.EventJson;
import io.phishfence.events.TlsReportReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Stores received reports, once each: the natural key (tenant, organization, report id, date range) decides. */
@ApplicationScoped
public class ReportStore {

    private final EntityManager entityManager;
    private final ReportRollups rollups;

    ReportStore(EntityManager entityManager, ReportRollups rollups) {
        this.entityManager = entityManager;
        this.rollups = rollups;
    }

    /** @return true when the report is new (and counted in the daily roll-ups), false when it was stored already */
    @Transactional
    public boolean store(TlsReportReceived event) {
        var report = event.report();
        int inserted = entityManager.createNativeQuery("""
                insert into tls_report (id, tenant_id, policy_domain, organization_name, report_id, start_at, end_at,
                                        channel, received_at, successful_sessions, failed_sessions, report_json,
                                        raw_content_type, raw)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                on conflict (tenant_id, organization_name, report_id, start_at, end_at) do nothing
                """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, event.tenantId())
                .setParameter(3, event.policyDomain())
                .setParameter(4, report.organizationName())
                .setParameter(5, report.reportId())
                .setParameter(6, report.dateRange().start())
                .setParameter(7, report.dateRange().end())
                .setParameter(8, event.channel())
                .setParameter(9, event.receivedAt())
                .setParameter(10, report.totalSuccessfulSessions())
                .setParameter(11, report.totalFailedSessions())
                .setParameter(12, new String(writeReport(event), java.nio.charset.StandardCharsets.UTF_8))
                .setParameter(13, event.rawContentType() == null ? "application/octet-stream" : event.rawContentType())
                .setParameter(14, event.raw())
                .executeUpdate();
        if (inserted == 1) {
            rollups.add(event);
        }
        return inserted == 1;
    }

    private static byte[] writeReport(TlsReportReceived event) {
        try {
            return EventJson.mapper().writeValueAsBytes(event.report());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("report cannot be serialized", e);
        }
    }
}
