package io.phishfence.web.check;

import io.phishfence.events.DomainChecked;
import io.phishfence.events.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** The latest check of a domain. Tenant-scoped. */
@Entity
@Table(name = "domain_check")
public class DomainCheck extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    public String domain;

    @Column(name = "checked_at")
    public Instant checkedAt;

    @Column(name = "result_json")
    public String resultJson;

    public static Optional<DomainCheck> latestFor(String domain) {
        return find("domain", domain).firstResultOptional();
    }

    public DomainChecked result() {
        try {
            return EventJson.mapper().readValue(resultJson, DomainChecked.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
