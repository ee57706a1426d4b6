package io.phishfence.system;

import io.phishfence.testing.TestMailServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A customer's browser, minus the rendering: keeps cookies, submits forms with their CSRF token. */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;

    Browser(String base) {
        this(base, HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
    }

    private Browser(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** The same browser, with its cookies, at another address: another instance of the same service. */
    Browser at(String otherBase) {
        return new Browser(otherBase, http);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Opens {@code page} like a person would, then posts its form with the given fields. */
    HttpResponse<String> submit(String page, String action, Map<String, String> fields)
            throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(page).body());
        var form = new java.util.LinkedHashMap<>(fields);
        if (token.find()) {
            form.put("csrf-token", token.group(1));
        }
        return post(action, form);
    }

    HttpResponse<String> post(String action, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in through the log-in page, whose form carries a CSRF token like every other. */
    HttpResponse<String> logIn(String email, String password) throws IOException, InterruptedException {
        return submit("/login", "/j_security_check", Map.of("j_username", email, "j_password", password));
    }

    /**
     * Signs up, confirms the address through the link in the verification mail that {@code mail} received
     * over SMTP, and logs in.
     */
    void signUpVerifyAndLogIn(String email, String password, String organization, TestMailServer mail)
            throws IOException, InterruptedException {
        var signUp = submit("/signup", "/signup", Map.of("email", email, "password", password, "organization", organization));
        if (signUp.statusCode() != 200) {
            throw new AssertionError("sign-up answered " + signUp.statusCode() + ": " + signUp.body());
        }
        URI link = URI.create(mail.awaitMail(email, 1, Duration.ofSeconds(120)).link("/verify").orElseThrow());
        String path = link.getRawPath() + "?" + link.getRawQuery();
        var verified = submit(path, "/verify", Map.of("token", link.getRawQuery().substring("token=".length())));
        if (verified.statusCode() != 303) {
            throw new AssertionError("verification answered " + verified.statusCode() + ": " + verified.body());
        }
        var logIn = logIn(email, password);
        if (logIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("log-in refused after verification");
        }
    }
}
