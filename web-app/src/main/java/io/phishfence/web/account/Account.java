package io.phishfence.web.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A person who logs in. Deliberately not tenant-scoped by Hibernate: log-in must find an account by
 * e-mail before anyone knows its tenant. Only the account code reads this table, and every query of a
 * tenant's accounts names the tenant.
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

    /** When the person proved they read mail at {@link #email}; null until then, and log-in is refused. */
    @Column(name = "verified_at")
    public Instant verifiedAt;

    /** {@link Roles#OWNER} or {@link Roles#MEMBER}. */
    public String role;

    /** The stamp every session of this account must present; a new password draws a new one ({@link SessionStamps}). */
    @Column(name = "session_stamp")
    public String sessionStamp;

    /**
     * The domain the person came to monitor when they signed up (an A-label), offered on the domains page until
     * they add a domain; null otherwise.
     */
    @Column(name = "pending_domain")
    public String pendingDomain;

    public boolean isVerified() {
        return verifiedAt != null;
    }

    public boolean isOwner() {
        return Roles.OWNER.equals(role);
    }

    public static Optional<Account> findByEmail(String email) {
        return find("email", Emails.normalize(email)).firstResultOptional();
    }

    /** One of the tenant's members; another tenant's account is as absent as one that does not exist. */
    public static Optional<Account> findInTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    /** How many owners the tenant has. */
    public static long ownersOf(String tenantId) {
        return count("tenantId = ?1 and role = ?2", tenantId, Roles.OWNER);
    }

    /** The members of one tenant. */
    public static List<Account> listOfTenant(String tenantId) {
        return list("tenantId = ?1 order by createdAt", tenantId);
    }
}
