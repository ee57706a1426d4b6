package io.phishfence.web.api.token;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A tenant's API token, as a hash: the token itself is shown once, when it is created. Tenant-scoped. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    /** What the person called it ("CI", "Grafana"). */
    public String name;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "token_prefix")
    public String tokenPrefix;

    @Column(name = "created_at")
    public Instant createdAt;

    /** E-mail of the account that created it. */
    @Column(name = "created_by")
    public String createdBy;

    /** The account that created it: the token acts with that account's role, and is deleted with it. */
    @Column(name = "created_by_account")
    public UUID createdByAccount;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public static List<ApiToken> listNewestFirst() {
        return list("order by createdAt desc");
    }

    public static Optional<ApiToken> findOwned(UUID id) {
        return find("id", id).firstResultOptional();
    }
}
