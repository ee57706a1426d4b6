package io.phishfence.web.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer account: an organization, its members, its secret rua token. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    /** A UUID in canonical text form: the text type lets Hibernate's tenant discriminator compare it. */
    @Id
    public String id;

    public String name;

    /** The secret part of the tenant's rua addresses; whoever knows it can submit reports. */
    @Column(name = "rua_token")
    public String ruaToken;

    @Column(name = "created_at")
    public Instant createdAt;
}
