package io.phishfence.web.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

/**
 * The bulky columns of a stored report (the normalized JSON and the original bytes), mapped apart from
 * {@link StoredReport} so that report lists never load them. Read-only; tenant-scoped.
 */
@Entity
@Immutable
@Table(name = "tls_report")
public class ReportContent extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "report_json")
    public String reportJson;

    @Column(name = "raw_content_type")
    public String rawContentType;

    /** The report exactly as the sender sent it (JSON, gzip, or the e-mail's attachment). */
    public byte[] raw;

    public static Optional<ReportContent> of(UUID reportId) {
        return find("id", reportId).firstResultOptional();
    }
}
