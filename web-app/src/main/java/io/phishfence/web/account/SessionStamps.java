package io.phishfence.web.account;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Ends sessions that Quarkus' encrypted, stateless log-in cookie would keep alive (ADR 0011). Each account has
 * a random session stamp; log-in hands it to the browser in a second cookie, and every request's session must
 * present its account's current stamp. A new password draws a new stamp: every other session of the account
 * ends at its next request, while the session that changed the password gets the new stamp. A removed member's
 * account is gone, and an account made later for the same address has a stamp of its own.
 */
public final class SessionStamps {

    /** Beside Quarkus' {@code quarkus-credential}; same attributes, and no Max-Age: it lives as long as the browser session. */
    static final String COOKIE = "phishfence-session";

    private SessionStamps() {
    }

    /** A fresh stamp: as unguessable as an e-mailed link's secret, so that a stolen old cookie cannot be updated. */
    static String generate() {
        return SecretTokens.generate();
    }

    /** Gives the browser the account's stamp (at log-in, and after a password change in that session). */
    static void hand(HttpServerResponse response, HttpServerRequest request, String stamp) {
        response.addCookie(Cookie.cookie(COOKIE, stamp).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(request.isSSL()));
    }

    /** Whether this request's session presents {@code current}; compared in constant time. */
    static boolean isPresented(RoutingContext context, String current) {
        Cookie presented = context.request().getCookie(COOKIE);
        return presented != null && current != null && MessageDigest.isEqual(
                presented.getValue().getBytes(StandardCharsets.UTF_8), current.getBytes(StandardCharsets.UTF_8));
    }
}
