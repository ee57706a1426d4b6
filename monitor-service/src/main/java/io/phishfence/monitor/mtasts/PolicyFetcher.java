package io.phishfence.monitor.mtasts;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import io.phishfence.monitor.net.AddressGuard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} as RFC 8461 3.3 says a sender does: HTTPS
 * only, the certificate valid for the policy host (SNI), redirects not followed, only 200 accepted, at most
 * 64 KB, bounded in time. The host is resolved through the monitor's own resolver and connected to by address,
 * after the SSRF guard allowed that address.
 */
public final class PolicyFetcher {

    /** RFC 8461 3.3: senders may refuse larger policies; 64 KB is what common resolvers allow. */
    static final int MAX_POLICY_BYTES = 64 * 1024;
    static final String PATH = "/.well-known/mta-sts.txt";

    private final HttpClient http;
    private final Dns dns;
    private final AddressGuard guard;
    private final int port;
    private final Duration timeout;

    /**
     * @param trust the certificate authorities the policy host's certificate must chain to
     * @param port 443, or a test server's port
     */
    public PolicyFetcher(Vertx vertx, Dns dns, AddressGuard guard, TrustManagerFactory trust, int port,
            Duration timeout) {
        this.dns = dns;
        this.guard = guard;
        this.port = port;
        this.timeout = timeout;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setForceSni(true)
                .setTrustOptions(TrustOptions.wrap(trust))
                .setConnectTimeout((int) timeout.toMillis())
                .setSslHandshakeTimeout(timeout.toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxPoolSize(32)
                .setKeepAlive(false));
    }

    public PolicyFetch fetch(String domain) {
        String host = "mta-sts." + domain;
        DnsAnswer<InetAddress> answer = dns.addresses(host);
        List<InetAddress> addresses = answer.valuesOrEmpty();
        if (answer instanceof DnsAnswer.Failed<InetAddress> failed) {
            return failed(Finding.warning("MTA_STS_POLICY_HOST_DNS_FAILED", "The address of " + host
                    + " could not be looked up (" + failed.reason() + "); the next check tries again.", null));
        }
        if (addresses.isEmpty()) {
            return failed(Finding.error("MTA_STS_POLICY_HOST_MISSING", "The policy host " + host
                    + " has no address, so senders cannot fetch the MTA-STS policy.", "Publish an A or AAAA record for "
                    + host + " pointing at a web server that serves the policy over HTTPS."));
        }
        var permitted = addresses.stream().filter(guard::permits).toList();
        if (permitted.isEmpty()) {
            return failed(Finding.error("MTA_STS_POLICY_HOST_PRIVATE", "The policy host " + host
                    + " resolves only to private or local addresses (" + addresses.get(0).getHostAddress()
                    + "); senders on the internet cannot reach it.", null));
        }
        try {
            return get(host, permitted.get(0)).toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return failed(classify(host, e.getCause()));
        } catch (TimeoutException e) {
            return failed(Finding.error("MTA_STS_POLICY_UNREACHABLE", "The policy at https://" + host + PATH
                    + " did not arrive within " + timeout.toSeconds() + " s.", null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(Finding.warning("MTA_STS_POLICY_HOST_DNS_FAILED", "The check was interrupted.", null));
        }
    }

    private Future<PolicyFetch> get(String host, InetAddress address) {
        var options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setURI(PATH)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false)
                .setTimeout(timeout.toMillis());
        return http.request(options).compose(request -> request.send()).compose(response -> read(host, response));
    }

    private Future<PolicyFetch> read(String host, HttpClientResponse response) {
        String url = "https://" + host + PATH;
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            response.request().reset();
            return Future.succeededFuture(failed(Finding.error("MTA_STS_POLICY_REDIRECT", "The policy URL " + url
                    + " redirects (" + status + " to " + response.getHeader("Location") + "); RFC 8461 senders do not "
                    + "follow redirects. Serve the policy at this exact URL.", null)));
        }
        if (status != 200) {
            response.request().reset();
            return Future.succeededFuture(failed(Finding.error("MTA_STS_POLICY_HTTP_STATUS", "The policy URL " + url
                    + " answers " + status + " instead of 200.", null)));
        }
        String type = response.getHeader("Content-Type");
        String mediaType = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!"text/plain".equals(mediaType)) {
            response.request().reset();
            return Future.succeededFuture(failed(Finding.error("MTA_STS_POLICY_CONTENT_TYPE", "The policy is served as \""
                    + (type == null ? "no type" : type) + "\"; RFC 8461 3.2 requires text/plain.",
                    "Serve " + PATH + " with Content-Type: text/plain")));
        }
        Promise<PolicyFetch> result = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_POLICY_BYTES) {
                result.tryComplete(failed(Finding.error("MTA_STS_POLICY_TOO_LARGE", "The policy is larger than "
                        + MAX_POLICY_BYTES / 1024 + " KB; senders refuse it.", null)));
                response.request().reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(done -> result.tryComplete(new PolicyFetch.Fetched(body.toString(java.nio.charset.StandardCharsets.UTF_8))));
        response.exceptionHandler(error -> result.tryFail(error));
        return result.future();
    }

    private static Finding classify(String host, Throwable error) {
        Throwable cause = error;
        while (cause != null) {
            if (cause instanceof SSLException || cause instanceof java.security.cert.CertificateException) {
                return Finding.error("MTA_STS_POLICY_TLS_INVALID", "The certificate of " + host + " is not valid for "
                        + "that name or not signed by a trusted authority (" + cause.getMessage() + "); senders will not "
                        + "use the policy.", "Install a certificate for " + host + " from a public CA (e.g. Let's Encrypt).");
            }
            cause = cause.getCause();
        }
        return Finding.error("MTA_STS_POLICY_UNREACHABLE", "The policy at https://" + host + PATH
                + " could not be fetched: " + error.getMessage(), null);
    }

    private static PolicyFetch failed(Finding finding) {
        return new PolicyFetch.Failed(finding);
    }

    public void close() {
        http.close();
    }
}
