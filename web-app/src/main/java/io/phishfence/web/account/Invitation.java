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
 * An owner's invitation of a person into the tenant. Not tenant-scoped by Hibernate, because the invitee
 * accepts it before they have an account; the team page names the tenant in its query, and acceptance is
 * authorized by the secret alone, looked up by its hash.
 */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public String tenantId;

    public String email;

    public String role;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "invited_by")
    public UUID invitedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    /** When an owner withdrew it; its link then says so. */
    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The tenant's invitations that are neither accepted nor expired, newest first. */
    public static List<Invitation> listOpen(String tenantId, Instant now) {
        return list("tenantId = ?1 and acceptedAt is null and revokedAt is null and expiresAt > ?2 order by createdAt desc",
                tenantId, now);
    }

    /** One of the tenant's open invitations; another tenant's is as absent as one that does not exist. */
    static Optional<Invitation> findOpen(String tenantId, UUID id, Instant now) {
        return find("tenantId = ?1 and id = ?2 and acceptedAt is null and revokedAt is null and expiresAt > ?3",
                tenantId, id, now).firstResultOptional();
    }

    static Optional<Invitation> findUsable(String token, Instant now) {
        return find("tokenHash = ?1 and acceptedAt is null and revokedAt is null and expiresAt > ?2",
                SecretTokens.hash(token), now).firstResultOptional();
    }

    /** Whether the link's invitation was withdrawn (the secret itself is the authority to learn that). */
    static boolean isRevoked(String token) {
        return count("tokenHash = ?1 and revokedAt is not null", SecretTokens.hash(token)) > 0;
    }
}
