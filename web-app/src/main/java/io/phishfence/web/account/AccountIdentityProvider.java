package io.phishfence.web.account;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Log-in by e-mail and password against the account table; bcrypt verification. */
public final class AccountIdentityProvider {

    /** SecurityIdentity attribute holding the account's tenant id. */
    public static final String TENANT_ATTRIBUTE = "phishfence.tenant";
    /** SecurityIdentity attribute holding the account's id (a person's session) or its creator's (an API token). */
    public static final String ACCOUNT_ATTRIBUTE = "phishfence.account";

    private AccountIdentityProvider() {
    }

    static SecurityIdentity identityOf(Account account) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(() -> account.email)
                .addRole(account.role)
                .addAttribute(TENANT_ATTRIBUTE, account.tenantId)
                .addAttribute(ACCOUNT_ATTRIBUTE, account.id)
                .build();
    }

    /**
     * The log-in form. Refuses, all with the same answer: a missing or wrong CSRF token, a client IP or an
     * address that failed too often lately, a wrong password, an unknown address (after the same bcrypt
     * work as a wrong password), and an address not verified yet. The last is only told to someone who
     * knows the password, so none of these answers reveals whether an address has an account.
     */
    @ApplicationScoped
    public static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        private final AccountService accounts;
        private final RateLimits limits;
        private final LoginCsrf csrf;

        Password(AccountService accounts, RateLimits limits, LoginCsrf csrf) {
            this.accounts = accounts;
            this.limits = limits;
            this.csrf = csrf;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            return context.runBlocking(() -> {
                if (http == null || !csrf.isValid(http)) {
                    throw new AuthenticationFailedException("log-in form without a valid CSRF token");
                }
                String ip = ClientAddress.of(http);
                String email = Emails.normalize(request.getUsername());
                if (limits.loginPerIp().isExhausted(ip) || limits.loginPerAccount().isExhausted(email)) {
                    throw new AuthenticationFailedException("too many failed log-ins");
                }
                Optional<Account> account = accounts.findByEmail(email);
                String password = new String(request.getPassword().getPassword());
                if (!Passwords.matches(password, account.map(a -> a.passwordHash)) || !account.get().isVerified()) {
                    limits.loginPerIp().record(ip);
                    limits.loginPerAccount().record(email);
                    throw new AuthenticationFailedException("wrong e-mail or password, or not verified");
                }
                limits.loginPerAccount().reset(email);
                SessionStamps.hand(http.response(), http.request(), account.get().sessionStamp);
                return identityOf(account.get());
            });
        }
    }

    /**
     * The session cookie: the account must still exist, and the session must present the account's current
     * session stamp (ADR 0011), so that a password change or reset ends the account's other sessions.
     */
    @ApplicationScoped
    public static class Session implements IdentityProvider<TrustedAuthenticationRequest> {

        private final AccountService accounts;

        Session(AccountService accounts) {
            this.accounts = accounts;
        }

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                AuthenticationRequestContext context) {
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            return context.runBlocking(() -> {
                Account account = accounts.findByEmail(request.getPrincipal())
                        .orElseThrow(() -> new AuthenticationFailedException("account no longer exists"));
                if (http == null || !SessionStamps.isPresented(http, account.sessionStamp)) {
                    throw new AuthenticationFailedException("session ended by a password change, or of an earlier account");
                }
                return identityOf(account);
            });
        }
    }
}
