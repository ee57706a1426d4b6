package io.phishfence.web.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDate;
import org.hibernate.annotations.TenantId;

/**
 * The key columns every daily roll-up row has: a sender's reports for a domain on a UTC day. Read-only here
 * ({@link ReportRollups} writes the rows); tenant-scoped, so every query sees the current tenant's rows only.
 */
@MappedSuperclass
public abstract class DailyRollup extends PanacheEntityBase {

    @Id
    public Long id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public String domain;

    public LocalDate day;

    @Column(name = "organization_name")
    public String organizationName;
}
