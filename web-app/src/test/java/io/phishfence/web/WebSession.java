package io.phishfence.web;

import static io.restassured.RestAssured.given;

import io.phishfence.testing.MailResource;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like session against the web app under test: keeps cookies, fills in CSRF tokens, and comes
 * from its own client address (X-Forwarded-For, trusted in the test profile) so that per-IP limits count
 * each session apart.
 */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">([^<]+)<");
    private final Map<String, String> cookies = new HashMap<>();
    private final String clientIp;

    public WebSession() {
        this("10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256) + "."
                + ThreadLocalRandom.current().nextInt(1, 255));
    }

    public WebSession(String clientIp) {
        this.clientIp = clientIp;
    }

    private RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies).header("X-Forwarded-For", clientIp);
    }

    public Response get(String path) {
        Response response = request().get(path);
        cookies.putAll(response.cookies());
        return response;
    }

    /** A GET as htmx makes it (HX-Request), for the parts of pages that htmx swaps. */
    public Response htmx(String path) {
        return request().header("HX-Request", "true").get(path);
    }

    /** Loads {@code formPage}, then posts the form fields with the CSRF token the page carried. */
    public Response submit(String formPage, String action, Map<String, String> fields) {
        return send("POST", formPage, action, fields);
    }

    /** Like {@link #submit}, with any HTTP method. */
    public Response send(String method, String formPage, String action, Map<String, String> fields) {
        String page = get(formPage).asString();
        Matcher token = CSRF.matcher(page);
        var form = new HashMap<>(fields);
        if (token.find()) {
            form.put("csrf-token", token.group(1));
        }
        Response response = request().contentType("application/x-www-form-urlencoded").formParams(form).request(method, action);
        cookies.putAll(response.cookies());
        return response;
    }

    /** Logs in through the log-in page, as a person would. */
    public Response logIn(String email, String password) {
        return submit("/login", "/j_security_check", Map.of("j_username", email, "j_password", password));
    }

    /** Creates an API token on Settings -> API tokens and returns its secret, shown this once. */
    public String createApiToken(String name) {
        String page = submit("/settings/tokens", "/settings/tokens", Map.of("name", name)).asString();
        Matcher secret = NEW_TOKEN.matcher(page);
        if (!secret.find()) {
            throw new IllegalStateException("no new token on the page: " + page);
        }
        return secret.group(1);
    }

    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    /** A session logged in as an existing, verified account. */
    public static WebSession signedIn(String email, String password) {
        var session = new WebSession();
        session.logIn(email, password);
        return session;
    }

    /** Opens an e-mailed link (absolute) in this session: its path and query against the app under test. */
    public Response open(String link) {
        URI uri = URI.create(link);
        return get(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Follows the verification link of the latest mail to {@code email} and confirms. */
    public Response verify(String email, int mailsExpected) {
        String link = MailResource.server().awaitMail(email, mailsExpected, Duration.ofSeconds(90)).link("/verify").orElseThrow();
        URI uri = URI.create(link);
        String token = uri.getRawQuery().substring("token=".length());
        return submit(uri.getRawPath() + "?" + uri.getRawQuery(), "/verify", Map.of("token", token));
    }

    /**
     * A person {@code owner} invites by e-mail (the first mail to that address, read from the real SMTP server),
     * who accepts with {@code password} and logs in: a member of the owner's organization.
     */
    public static WebSession joined(WebSession owner, String email, String password) {
        owner.submit("/team", "/team/invitations", Map.of("email", email));
        String link = MailResource.server().awaitMail(email, 1, Duration.ofSeconds(90)).link("/invitations/accept").orElseThrow();
        URI uri = URI.create(link);
        var member = new WebSession();
        member.submit(uri.getRawPath() + "?" + uri.getRawQuery(), "/invitations/accept",
                Map.of("token", uri.getRawQuery().substring("token=".length()), "password", password));
        member.logIn(email, password);
        return member;
    }

    /** Whether this session is logged in: the domains page answers it rather than sending it to log in. */
    public boolean isLoggedIn() {
        return get("/domains").statusCode() == 200;
    }

    /** A new account, verified through its mail and logged in. */
    public static WebSession signedUp(String email, String password) {
        var session = new WebSession();
        session.submit("/signup", "/signup", Map.of("email", email, "password", password, "organization", "Org of " + email));
        session.verify(email, 1);
        session.logIn(email, password);
        return session;
    }
}
