package io.phishfence.web.check;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A component of a domain's stack that changed status: one line of the domain's history. Tenant-scoped. */
@Entity
@Table(name = "domain_check_change")
public class CheckChange extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public String domain;

    @Column(name = "checked_at")
    public Instant checkedAt;

    public String component;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    public static List<CheckChange> historyOf(String domain, int limit) {
        return find("domain = ?1 order by checkedAt desc, component", domain).page(0, limit).list();
    }
}
