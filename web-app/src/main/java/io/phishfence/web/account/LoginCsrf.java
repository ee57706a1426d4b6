package io.phishfence.web.account;

import io.quarkus.csrf.reactive.runtime.CsrfTokenUtils;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSRF check of the log-in form. Quarkus' form authentication ({@code /j_security_check}) runs before
 * the REST layer, where quarkus-rest-csrf checks every other form, so the same double-submit check is
 * done here: the form's token must match the CSRF cookie. Without it a foreign site could log a visitor
 * into the attacker's account (log-in CSRF).
 */
@ApplicationScoped
public class LoginCsrf {

    private final String formField;
    private final String cookieName;
    private final Optional<String> signatureKey;

    LoginCsrf(@ConfigProperty(name = "quarkus.rest-csrf.form-field-name", defaultValue = "csrf-token") String formField,
            @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token") String cookieName,
            @ConfigProperty(name = "quarkus.rest-csrf.token-signature-key") Optional<String> signatureKey) {
        this.formField = formField;
        this.cookieName = cookieName;
        this.signatureKey = signatureKey;
    }

    public boolean isValid(RoutingContext context) {
        String token = context.request().getFormAttribute(formField);
        Cookie cookie = context.request().getCookie(cookieName);
        if (token == null || token.isEmpty() || cookie == null) {
            return false;
        }
        String expected = signatureKey.map(key -> CsrfTokenUtils.signCsrfToken(token, key)).orElse(token);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8));
    }
}
