package io.phishfence.web.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A person who logs in. Deliberately not tenant-scoped by Hibernate: log-in must find an account by
 * e-mail before anyone knows its tenant. Only the account code reads this table.
 */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public String tenantId;

    /** Lower case, trimmed. */
    public String email;

    /** bcrypt, in Modular Crypt Format. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<Account> findByEmail(String email) {
        return find("email", Emails.normalize(email)).firstResultOptional();
    }
}
