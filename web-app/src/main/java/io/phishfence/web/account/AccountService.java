package io.phishfence.web.account;

import io.phishfence.events.TenantUpserted;
import io.phishfence.events.Topics;
import io.phishfence.web.WebConfig;
import io.phishfence.web.domain.DomainNames;
import io.phishfence.web.domain.RuaAddresses;
import io.phishfence.web.outbox.Outbox;
import io.phishfence.web.tenant.RuaTokens;
import io.phishfence.web.tenant.Tenant;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts and the tenants they belong to: sign-up with e-mail verification, password reset and change.
 * Every answer an anonymous caller gets is the same whether or not an address has an account; what
 * differs goes into the e-mail, which only the address's owner reads.
 */
@ApplicationScoped
public class AccountService {

    private final Outbox outbox;
    private final WebConfig web;
    private final AccountConfig config;
    private final AccountMails mails;
    private final RateLimits limits;
    private final Clock clock = Clock.systemUTC();

    AccountService(Outbox outbox, WebConfig web, AccountConfig config, AccountMails mails, RateLimits limits) {
        this.outbox = outbox;
        this.web = web;
        this.config = config;
        this.mails = mails;
        this.limits = limits;
    }

    @ActivateRequestContext
    @Transactional
    public Optional<Account> findByEmail(String email) {
        return Account.findByEmail(email);
    }

    /**
     * Signs up {@code email}: a new address gets a tenant (announced on {@link Topics#TENANTS} through the
     * outbox), an unverified owner account and a verification mail; an address with an account gets a mail
     * saying so (or a fresh verification link, if it never verified), and its password stays as it was.
     * {@code domain}, when it is a domain name, is the domain the person came to monitor: the domains page offers
     * it after the first log-in (a verified account's is left alone, as everything else about it).
     *
     * @throws AccountException when the input itself is unacceptable (the same for every address)
     * @throws RateLimitedException when this client has signed up too often
     */
    public void signUp(String email, String password, String organization, String domain, String clientIp)
            throws AccountException, RateLimitedException {
        String address = Emails.normalize(email);
        if (!Emails.isPlausible(address)) {
            throw new AccountException("Enter a valid e-mail address.");
        }
        Passwords.requireAcceptable(password);
        if (!limits.signupPerIp().tryAcquire(clientIp)) {
            throw new RateLimitedException();
        }
        // Hashed before knowing whether the address is new, so both answers take the same time.
        String hash = Passwords.hash(password);
        String pendingDomain = DomainNames.toALabel(domain).orElse(null);
        AccountMails.Outgoing mail = QuarkusTransaction.requiringNew()
                .call(() -> signUpInTransaction(address, hash, organization, pendingDomain));
        sendWithinLimit(mail);
    }

    private AccountMails.Outgoing signUpInTransaction(String address, String passwordHash, String organization,
            String pendingDomain) {
        Optional<Account> existing = Account.findByEmail(address);
        if (existing.isPresent()) {
            Account account = existing.get();
            if (account.isVerified()) {
                return mails.alreadyRegistered(address);
            }
            // Whoever follows the fresh link owns the account, and it is their latest wish that counts.
            if (pendingDomain != null) {
                account.pendingDomain = pendingDomain;
            }
            return mails.verification(address, newToken(account.id, AccountToken.VERIFY, config.verificationTtl()));
        }
        Instant now = clock.instant();
        var tenant = new Tenant();
        tenant.id = UUID.randomUUID().toString();
        tenant.name = organization == null || organization.isBlank() ? address : organization.trim();
        tenant.ruaToken = RuaTokens.generate();
        tenant.createdAt = now;
        tenant.persist();

        Account account = newAccount(tenant.id, address, passwordHash, Roles.OWNER, null);
        account.pendingDomain = pendingDomain;
        var rua = RuaAddresses.of(tenant.ruaToken, web);
        outbox.add(Topics.TENANTS, tenant.id, TenantUpserted.of(tenant.id, tenant.name, tenant.ruaToken, now,
                "mailto:" + rua.mailto(), rua.https()));
        return mails.verification(address, newToken(account.id, AccountToken.VERIFY, config.verificationTtl()));
    }

    /** The domain {@code email}'s person came to monitor and has not added yet, if any. */
    @Transactional
    public Optional<String> pendingDomain(String email) {
        return Account.findByEmail(email).map(account -> account.pendingDomain);
    }

    /** Forgets the domain {@code email}'s person came to monitor: they have added a domain. */
    @Transactional
    public void forgetPendingDomain(String email) {
        Account.findByEmail(email).ifPresent(account -> account.pendingDomain = null);
    }

    /** Marks the address of the link's account as verified. False when the link is unknown, used or expired. */
    @Transactional
    public boolean verify(String token) {
        Instant now = clock.instant();
        Optional<AccountToken> found = AccountToken.findUsable(AccountToken.VERIFY, token, now);
        found.ifPresent(t -> {
            Account account = Account.findById(t.accountId);
            if (account.verifiedAt == null) {
                account.verifiedAt = now;
            }
            AccountToken.useAll(t.accountId, AccountToken.VERIFY, now);
        });
        return found.isPresent();
    }

    /**
     * Sends a password-reset link if {@code email} has an account; answers the same either way.
     *
     * @throws RateLimitedException when this client has asked too often
     */
    public void requestPasswordReset(String email, String clientIp) throws RateLimitedException {
        if (!limits.resetPerIp().tryAcquire(clientIp)) {
            throw new RateLimitedException();
        }
        String address = Emails.normalize(email);
        Optional<AccountMails.Outgoing> mail = QuarkusTransaction.requiringNew().call(() -> Account.findByEmail(address)
                .map(account -> {
                    // A new link ends the older ones: only the latest mail works.
                    AccountToken.useAll(account.id, AccountToken.RESET, clock.instant());
                    return mails.reset(account.email, newToken(account.id, AccountToken.RESET, config.resetTtl()));
                }));
        mail.ifPresent(this::sendWithinLimit);
    }

    /** Whether a password-reset link still works (the page that asks for the new password). */
    @Transactional
    public boolean isResetUsable(String token) {
        return AccountToken.findUsable(AccountToken.RESET, token, clock.instant()).isPresent();
    }

    /**
     * Sets a new password through a reset link and spends the link. Following the link proves that the
     * person reads the address's mail, so an unverified address counts as verified from then on.
     *
     * @return false when the link is unknown, used or expired
     * @throws AccountException when the new password is unacceptable
     */
    @Transactional
    public boolean resetPassword(String token, String newPassword) throws AccountException {
        Passwords.requireAcceptable(newPassword);
        Instant now = clock.instant();
        Optional<AccountToken> found = AccountToken.findUsable(AccountToken.RESET, token, now);
        if (found.isEmpty()) {
            return false;
        }
        Account account = Account.findById(found.get().accountId);
        account.passwordHash = Passwords.hash(newPassword);
        // Whoever knew the old password (or held a session) is out: every session of the account ends.
        account.sessionStamp = SessionStamps.generate();
        if (account.verifiedAt == null) {
            account.verifiedAt = now;
        }
        AccountToken.useAll(account.id, AccountToken.RESET, now);
        limits.loginPerAccount().reset(account.email);
        return true;
    }

    /**
     * Changes the logged-in person's password; they must know the current one. Wrong guesses count
     * towards the same per-account limit as log-in. Every session of the account ends except the caller's,
     * which must be handed the returned stamp.
     *
     * @return the account's new session stamp
     * @throws AccountException when the current password is wrong or the new one unacceptable
     */
    @Transactional
    public String changePassword(String email, String currentPassword, String newPassword) throws AccountException {
        Account account = Account.findByEmail(email).orElseThrow(() -> new AccountException("Your account no longer exists."));
        if (limits.loginPerAccount().isExhausted(account.email)) {
            throw new AccountException("Too many wrong passwords. Wait a few minutes and try again.");
        }
        if (!Passwords.matches(currentPassword, Optional.of(account.passwordHash))) {
            limits.loginPerAccount().record(account.email);
            throw new AccountException("The current password is not right.");
        }
        Passwords.requireAcceptable(newPassword);
        account.passwordHash = Passwords.hash(newPassword);
        account.sessionStamp = SessionStamps.generate();
        return account.sessionStamp;
    }

    Account newAccount(String tenantId, String address, String passwordHash, String role, Instant verifiedAt) {
        var account = new Account();
        account.id = UUID.randomUUID();
        account.tenantId = tenantId;
        account.email = address;
        account.passwordHash = passwordHash;
        account.role = role;
        account.createdAt = clock.instant();
        account.verifiedAt = verifiedAt;
        account.sessionStamp = SessionStamps.generate();
        account.persist();
        return account;
    }

    private String newToken(UUID accountId, String purpose, Duration ttl) {
        String secret = SecretTokens.generate();
        var token = new AccountToken();
        token.id = UUID.randomUUID();
        token.accountId = accountId;
        token.purpose = purpose;
        token.tokenHash = SecretTokens.hash(secret);
        token.createdAt = clock.instant();
        token.expiresAt = token.createdAt.plus(ttl);
        token.persist();
        return secret;
    }

    /** Caps the mail that anonymous callers can make us send to one address (no mail bombing through us). */
    void sendWithinLimit(AccountMails.Outgoing mail) {
        if (limits.mailPerAddress().tryAcquire(mail.to())) {
            mails.send(mail);
        }
    }

    /** A request that cannot be done, with a message for the person. */
    public static class AccountException extends Exception {
        public AccountException(String message) {
            super(message);
        }
    }

    /** Too many requests from one client or for one address within the configured window. */
    public static class RateLimitedException extends Exception {
        public RateLimitedException() {
            super("too many requests");
        }
    }
}
