package io.phishfence.web.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.IDN;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** A domain a tenant watches. Tenant-scoped: Hibernate only ever shows the current tenant's rows. */
@Entity
@Table(name = "domain")
public class Domain extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    /** The A-label (punycode), lower case, no trailing dot. */
    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The DKIM selectors the tenant signs this domain's mail with, as {@link DkimSelectors} reads them. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "dkim_selectors")
    public List<String> dkimSelectors = new ArrayList<>();

    /** The name as people read it (U-label). */
    public String displayName() {
        return IDN.toUnicode(name, IDN.ALLOW_UNASSIGNED);
    }

    /** The selectors as the form shows them. */
    public String dkimSelectorsText() {
        return String.join(" ", dkimSelectors);
    }

    public static List<Domain> listByName() {
        return list("order by name");
    }

    /** One page of {@link #listByName}: {@code count} domains after the first {@code offset}. */
    public static List<Domain> listByName(int offset, int count) {
        return find("order by name").range(offset, offset + count - 1).list();
    }

    public static Optional<Domain> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
