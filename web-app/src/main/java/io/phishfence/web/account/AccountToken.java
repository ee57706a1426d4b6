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
 * A single-use, expiring secret sent by e-mail to an account's address. Not tenant-scoped: whoever follows
 * the link is not logged in; the secret itself, looked up by its hash, is the authority.
 */
@Entity
@Table(name = "account_token")
public class AccountToken extends PanacheEntityBase {

    public static final String VERIFY = "verify";
    public static final String RESET = "reset";

    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    public String purpose;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    /** The unused, unexpired token of this purpose whose secret is {@code token}. */
    static Optional<AccountToken> findUsable(String purpose, String token, Instant now) {
        return find("purpose = ?1 and tokenHash = ?2 and usedAt is null and expiresAt > ?3",
                purpose, SecretTokens.hash(token), now).firstResultOptional();
    }

    /** Spends every open token of this purpose for the account: a newer link or a used one ends the others. */
    static void useAll(UUID accountId, String purpose, Instant now) {
        update("usedAt = ?1 where accountId = ?2 and purpose = ?3 and usedAt is null", now, accountId, purpose);
    }
}
