package io.phishfence.web.api.token;

import io.phishfence.web.account.AccountIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>} for the JSON API. It sits beside form log-in: application.properties
 * makes it the only mechanism for {@code /api/*} (so a session cookie never authenticates an API call, and
 * API calls need no CSRF token), and it ignores every other path (so a token never opens the UI).
 */
public final class ApiTokenAuthentication {

    /** The scheme name, as {@code quarkus.http.auth.permission.*.auth-mechanism} refers to it. */
    public static final String SCHEME = "bearer";
    static final String API_PATH = "/api/";
    /**
     * The role of a caller that presented an API token. The token also carries its creator's current role in the
     * tenant ({@code owner} or {@code member}, ADR 0011), so that owner-only endpoints refuse a member's token.
     */
    public static final String ROLE = "api";

    private ApiTokenAuthentication() {
    }

    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {

        private static final String PREFIX = "bearer ";

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
            String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    || !context.normalizedPath().startsWith(API_PATH)) {
                return Uni.createFrom().nullItem();
            }
            String token = header.substring(PREFIX.length()).strip();
            return identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, SCHEME)));
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            // Outside the API, no challenge of ours: the form log-in's (a redirect to /login) answers.
            if (!context.normalizedPath().startsWith(API_PATH)) {
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate",
                    "Bearer realm=\"PhishFence API\""));
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of(TokenAuthenticationRequest.class);
        }

        @Override
        public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
            return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
        }
    }

    /** Checks a presented token against the stored hashes. */
    @ApplicationScoped
    public static class Provider implements IdentityProvider<TokenAuthenticationRequest> {

        private final ApiTokens tokens;

        Provider(ApiTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return context.runBlocking(() -> tokens.authenticate(request.getToken().getToken())
                    .map(owner -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                            .setPrincipal(() -> "api-token:" + owner.tokenId())
                            .addRole(ROLE)
                            .addRole(owner.role())
                            .addCredential(request.getToken())
                            .addAttribute(AccountIdentityProvider.TENANT_ATTRIBUTE, owner.tenantId())
                            .build())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API token")));
        }
    }
}
