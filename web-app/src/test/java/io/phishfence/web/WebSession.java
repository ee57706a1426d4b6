package io.phishfence.web;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like session against the web app under test: keeps cookies, fills in CSRF tokens. */
final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">([^<]+)<");
    private final Map<String, String> cookies = new HashMap<>();

    Response get(String path) {
        Response response = given().redirects().follow(false).cookies(cookies).get(path);
        cookies.putAll(response.cookies());
        return response;
    }

    /** Loads {@code formPage}, then posts the form fields with the CSRF token the page carried. */
    Response submit(String formPage, String action, Map<String, String> fields) {
        return send("POST", formPage, action, fields);
    }

    /** Like {@link #submit}, with any HTTP method. */
    Response send(String method, String formPage, String action, Map<String, String> fields) {
        String page = get(formPage).asString();
        Matcher token = CSRF.matcher(page);
        var form = new HashMap<>(fields);
        if (token.find()) {
            form.put("csrf-token", token.group(1));
        }
        Response response = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParams(form).request(method, action);
        cookies.putAll(response.cookies());
        return response;
    }

    Response logIn(String email, String password) {
        Response response = given().redirects().follow(false).cookies(cookies).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("j_username", email, "j_password", password)).post("/j_security_check");
        cookies.putAll(response.cookies());
        return response;
    }

    /** Creates an API token on Settings -> API tokens and returns its secret, shown this once. */
    String createApiToken(String name) {
        String page = submit("/settings/tokens", "/settings/tokens", Map.of("name", name)).asString();
        Matcher secret = NEW_TOKEN.matcher(page);
        if (!secret.find()) {
            throw new IllegalStateException("no new token on the page: " + page);
        }
        return secret.group(1);
    }

    Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    static WebSession signedIn(String email, String password) {
        var session = new WebSession();
        session.logIn(email, password);
        return session;
    }

    static WebSession signedUp(String email, String password) {
        var session = new WebSession();
        session.submit("/signup", "/signup", Map.of("email", email, "password", password, "organization", "Org of " + email));
        session.logIn(email, password);
        return session;
    }
}
