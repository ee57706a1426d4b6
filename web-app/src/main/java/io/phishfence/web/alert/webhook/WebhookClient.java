package io.phishfence.web.alert.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs JSON to a tenant's webhook, guarded against SSRF: the host is resolved once, the addresses the
 * {@link AddressGuard} refuses are dropped, and the connection goes to the address that was checked (the URL's host
 * is still the TLS server name, the certificate's expected name and the Host header), so a second look-up cannot
 * swap in an internal address. No redirect is followed; connecting and reading are bounded in time; at most
 * {@link #MAX_BODY} bytes of the answer are read. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class WebhookClient {

    /** Enough of an answer for Slack's error words ({@code invalid_token}, {@code no_service}); the rest is not read. */
    static final int MAX_BODY = 4096;

    private final HttpClient http;
    private final AddressGuard guard;
    private final WebhookConfig config;
    private final Clock clock = Clock.systemUTC();

    WebhookClient(Vertx vertx, WebhookConfig config) {
        this.config = config;
        this.guard = new AddressGuard(config.allowedPrivateNetworks().orElse(List.of()));
        var options = new HttpClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setForceSni(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSslHandshakeTimeout(config.connectTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                // One connection per POST: a pooled one would be keyed by host, not by the address we checked.
                .setKeepAlive(false)
                .setMaxRedirects(0);
        config.trustStore().ifPresent(pem -> options.setTrustOptions(new PemTrustOptions().addCertPath(pem.toString())));
        this.http = vertx.createHttpClient(options);
    }

    void close(@Observes ShutdownEvent event) {
        http.close();
    }

    /** Why PhishFence may not POST to this URL's host, or empty when it may (at least one address is allowed). */
    public Optional<String> refusal(WebhookUrl url) {
        return resolve(url) instanceof Resolution.Refused refused ? Optional.of(refused.reason()) : Optional.empty();
    }

    /** POSTs {@code json}; never throws for a failing endpoint. */
    public WebhookOutcome post(WebhookUrl url, String json) {
        var resolution = resolve(url);
        if (resolution instanceof Resolution.Refused refused) {
            return new WebhookOutcome.Refused(Optional.empty(), refused.reason());
        }
        if (resolution instanceof Resolution.Unresolved unresolved) {
            return new WebhookOutcome.Retry(Optional.empty(), unresolved.reason(), Optional.empty());
        }
        InetAddress address = ((Resolution.Allowed) resolution).address();
        long limit = config.connectTimeout().plus(config.readTimeout()).multipliedBy(2).toMillis();
        try {
            return send(url, address, json).toCompletionStage().toCompletableFuture().get(limit, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return new WebhookOutcome.Retry(Optional.empty(), url.scrub(failure(e.getCause())), Optional.empty());
        } catch (TimeoutException e) {
            return new WebhookOutcome.Retry(Optional.empty(), "no answer in time", Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookOutcome.Retry(Optional.empty(), "interrupted", Optional.empty());
        }
    }

    private sealed interface Resolution {
        record Allowed(InetAddress address) implements Resolution {
        }

        record Refused(String reason) implements Resolution {
        }

        record Unresolved(String reason) implements Resolution {
        }
    }

    private Resolution resolve(WebhookUrl url) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.hostToResolve());
        } catch (UnknownHostException e) {
            return new Resolution.Unresolved("the host " + url.host() + " does not resolve");
        }
        return Arrays.stream(addresses).filter(guard::permits).findFirst().<Resolution>map(Resolution.Allowed::new)
                .orElseGet(() -> new Resolution.Refused("the host " + url.host() + " resolves to an internal address ("
                        + addresses[0].getHostAddress() + "), which PhishFence does not connect to"));
    }

    private Future<WebhookOutcome> send(WebhookUrl url, InetAddress address, String json) {
        var options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(url.host())
                .setPort(url.port())
                .setURI(url.pathAndQuery())
                .setServer(SocketAddress.inetSocketAddress(url.port(), address.getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.readTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.USER_AGENT, "PhishFence-Webhook/1");
        return http.request(options)
                .compose(request -> request.send(Buffer.buffer(json.getBytes(StandardCharsets.UTF_8))))
                .compose(this::read);
    }

    /** Reads at most {@link #MAX_BODY} bytes of the answer, then judges it by its status. */
    private Future<WebhookOutcome> read(HttpClientResponse response) {
        Promise<WebhookOutcome> outcome = Promise.promise();
        Buffer body = Buffer.buffer();
        response.exceptionHandler(error -> outcome.tryComplete(judge(response, body)));
        response.handler(chunk -> {
            body.appendBuffer(chunk.length() > MAX_BODY - body.length()
                    ? chunk.getBuffer(0, MAX_BODY - body.length()) : chunk);
            if (body.length() >= MAX_BODY) {
                outcome.tryComplete(judge(response, body));
                response.request().reset();
            }
        });
        response.endHandler(done -> outcome.tryComplete(judge(response, body)));
        return outcome.future();
    }

    private WebhookOutcome judge(HttpClientResponse response, Buffer body) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new WebhookOutcome.Delivered(status);
        }
        String said = words(body.toString(StandardCharsets.UTF_8));
        String reason = "HTTP " + status + (said.isEmpty() ? "" : ": " + said);
        if (status == 429 || status >= 500) {
            return new WebhookOutcome.Retry(Optional.of(status), reason,
                    retryAfter(response.getHeader("Retry-After"), clock.instant()));
        }
        if (status >= 300 && status < 400) {
            reason += " (a redirect; PhishFence does not follow redirects: enter the final URL)";
        }
        return new WebhookOutcome.Refused(Optional.of(status), reason);
    }

    /** The start of an answer's body, on one line: what an endpoint says about a refusal. */
    static String words(String body) {
        String line = body.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 199) + "…";
    }

    /** Retry-After as delay-seconds or an HTTP date (RFC 9110 10.2.3); anything else is ignored. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            var at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String failure(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
