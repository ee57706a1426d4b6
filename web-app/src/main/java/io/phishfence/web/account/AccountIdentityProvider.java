package io.phishfence.web.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Log-in by e-mail and password against the account table; bcrypt verification. */
public final class AccountIdentityProvider {

    /** SecurityIdentity attribute holding the account's tenant id. */
    public static final String TENANT_ATTRIBUTE = "phishfence.tenant";

    /**
     * A hash to verify against when the e-mail is unknown, so that an unknown address costs as much time
     * as a wrong password and log-in does not reveal which addresses have accounts.
     */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no such account");

    private AccountIdentityProvider() {
    }

    static SecurityIdentity identityOf(Account account) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(() -> account.email)
                .addRole("member")
                .addAttribute(TENANT_ATTRIBUTE, account.tenantId)
                .build();
    }

    /** The log-in form: checks the password. */
    @ApplicationScoped
    public static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        private final AccountService accounts;

        Password(AccountService accounts) {
            this.accounts = accounts;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return context.runBlocking(() -> {
                String password = new String(request.getPassword().getPassword());
                Optional<Account> account = accounts.findByEmail(request.getUsername());
                String hash = account.map(a -> a.passwordHash).orElse(DUMMY_HASH);
                if (!BcryptUtil.matches(password, hash) || account.isEmpty()) {
                    throw new AuthenticationFailedException("wrong e-mail or password");
                }
                return identityOf(account.get());
            });
        }
    }

    /** The session cookie: the account must still exist. */
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
            return context.runBlocking(() -> accounts.findByEmail(request.getPrincipal())
                    .map(AccountIdentityProvider::identityOf)
                    .orElseThrow(() -> new AuthenticationFailedException("account no longer exists")));
        }
    }
}
