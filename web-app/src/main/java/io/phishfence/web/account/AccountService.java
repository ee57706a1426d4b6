package io.phishfence.web.account;

import io.phishfence.events.TenantUpserted;
import io.phishfence.events.Topics;
import io.phishfence.web.WebConfig;
import io.phishfence.web.domain.RuaAddresses;
import io.phishfence.web.outbox.Outbox;
import io.phishfence.web.tenant.Tenant;
import io.phishfence.web.tenant.RuaTokens;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Accounts and the tenants they belong to. */
@ApplicationScoped
public class AccountService {

    static final int MIN_PASSWORD_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final Outbox outbox;
    private final WebConfig config;
    private final Clock clock = Clock.systemUTC();

    AccountService(Outbox outbox, WebConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    @ActivateRequestContext
    @Transactional
    public Optional<Account> findByEmail(String email) {
        return Account.findByEmail(email);
    }

    /**
     * Creates a tenant with a fresh rua token and its first account, and announces the tenant on
     * {@link Topics#TENANTS} in the same transaction (through the outbox).
     *
     * @throws SignUpException with a message for the person signing up
     */
    @Transactional
    public Account signUp(String email, String password, String organization) throws SignUpException {
        String address = Emails.normalize(email);
        if (!Emails.isPlausible(address)) {
            throw new SignUpException("Enter a valid e-mail address.");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new SignUpException("Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new SignUpException("Choose a password of at most " + MAX_PASSWORD_BYTES + " bytes.");
        }
        if (Account.findByEmail(address).isPresent()) {
            throw new SignUpException("An account with this e-mail address exists already. Log in instead.");
        }
        Instant now = clock.instant();
        var tenant = new Tenant();
        tenant.id = UUID.randomUUID().toString();
        tenant.name = organization == null || organization.isBlank() ? address : organization.trim();
        tenant.ruaToken = RuaTokens.generate();
        tenant.createdAt = now;
        tenant.persist();

        var account = new Account();
        account.id = UUID.randomUUID();
        account.tenantId = tenant.id;
        account.email = address;
        account.passwordHash = BcryptUtil.bcryptHash(password);
        account.createdAt = now;
        account.persist();

        var rua = RuaAddresses.of(tenant.ruaToken, config);
        outbox.add(Topics.TENANTS, tenant.id, TenantUpserted.of(tenant.id, tenant.name, tenant.ruaToken, now,
                "mailto:" + rua.mailto(), rua.https()));
        return account;
    }

    /** A sign-up that cannot be done, with a message for the person. */
    public static class SignUpException extends Exception {
        public SignUpException(String message) {
            super(message);
        }
    }
}
