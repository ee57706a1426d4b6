package io.phishfence.web.api.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creating, listing, revoking and checking the current tenant's API tokens. */
@ApplicationScoped
public class ApiTokens {

    /** Marks our tokens, so that secret scanners (and people) recognize a leaked one. */
    static final String PREFIX = "pf_";
    private static final int RANDOM_BYTES = 32;
    private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 6;
    static final int MAX_NAME_LENGTH = 100;
    /** Writing last_used_at on every request would turn each API read into a write. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager entityManager;

    ApiTokens(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A token just created: {@code secret} is shown once and never stored. */
    public record Created(ApiToken token, String secret) {
    }

    /**
     * The tenant (and token) a valid token belongs to.
     *
     * @param role the role its creator has now in the tenant ({@code owner} or {@code member}): a token acts with
     *        it (ADR 0011); {@code member} when the token predates this and its creator is gone
     */
    public record Owner(String tenantId, UUID tokenId, String role) {
    }

    /**
     * @param createdBy the creator's e-mail, shown in the token list
     * @param creator the creator's account: the token acts with its role and ends with it
     */
    @Transactional
    public Created create(String name, String createdBy, UUID creator) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Give the token a name of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var token = new ApiToken();
        token.id = UUID.randomUUID();
        token.name = label;
        token.tokenHash = hash(secret);
        token.tokenPrefix = secret.substring(0, SHOWN_PREFIX_LENGTH);
        token.createdAt = Instant.now();
        token.createdBy = createdBy;
        token.createdByAccount = creator;
        token.persist();
        return new Created(token, secret);
    }

    @Transactional
    public List<ApiToken> list() {
        return ApiToken.listNewestFirst();
    }

    /** @return false when the current tenant has no such token */
    @Transactional
    public boolean revoke(UUID id) {
        var token = ApiToken.findOwned(id);
        token.ifPresent(ApiToken::delete);
        return token.isPresent();
    }

    /**
     * The owner of a presented token. Runs before anyone knows the tenant, so it looks the hash up across
     * tenants (native SQL, like log-in's look-up of an account by e-mail); the hash is unique.
     */
    @ActivateRequestContext
    @Transactional
    public Optional<Owner> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        List<?> rows = entityManager.createNativeQuery("""
                select t.tenant_id, t.id::text, coalesce(a.role, 'member') from api_token t
                left join account a on a.id = t.created_by_account and a.tenant_id = t.tenant_id
                where t.token_hash = ?1
                """).setParameter(1, hash(presented)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        var owner = new Owner((String) row[0], UUID.fromString((String) row[1]), (String) row[2]);
        Instant now = Instant.now();
        entityManager.createNativeQuery("""
                update api_token set last_used_at = ?1 where id = ?2 and (last_used_at is null or last_used_at < ?3)
                """).setParameter(1, now).setParameter(2, owner.tokenId()).setParameter(3, now.minus(LAST_USED_PRECISION))
                .executeUpdate();
        return Optional.of(owner);
    }

    /** SHA-256: the token has 256 random bits, so a slow hash would add cost and no safety. */
    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
