package io.phishfence.monitor.net;

import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.DnsAnswer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * GETs a file from a host a customer's DNS names (MTA-STS policies, BIMI logos and certificates) the way RFC 8461
 * 3.3 says a sender fetches a policy: HTTPS only, the certificate valid for the host (SNI), redirects not followed,
 * only 200 read, a size limit, bounded in time. The host is resolved through the monitor's own resolver and
 * connected to by address, after the SSRF guard allowed that address. One client (and its TLS context) serves
 * every fetch of the instance; each fetch has a connection of its own, except the files of one host asked for
 * together ({@link #get(String, int, List)}), which share one. The handshakes run on BoringSSL when it loads
 * ({@link NativeTls}); the certificate is judged by {@code trust} (the JDK's PKIX) either way.
 */
public final class HttpsFetcher {

    private final HttpClient http;
    private final Dns dns;
    private final AddressGuard guard;
    private final Duration timeout;

    /** @param trust the certificate authorities a host's certificate must chain to */
    public HttpsFetcher(Vertx vertx, Dns dns, AddressGuard guard, TrustManagerFactory trust, Duration timeout,
            int connections) {
        this.dns = dns;
        this.guard = guard;
        this.timeout = timeout;
        this.http = vertx.createHttpClient(options(trust, timeout, connections)
                // One connection per fetch: a kept connection that the server closes, or that a refused body reset,
                // could be handed to an unrelated fetch, which would then fail as unreachable.
                .setKeepAlive(false));
    }

    private static HttpClientOptions options(TrustManagerFactory trust, Duration timeout, int connections) {
        return new HttpClientOptions()
                .setSsl(true)
                .setSslEngineOptions(NativeTls.vertxEngine())
                .setVerifyHost(true)
                .setForceSni(true)
                .setTrustOptions(TrustOptions.wrap(trust))
                .setConnectTimeout((int) timeout.toMillis())
                .setSslHandshakeTimeout(timeout.toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxPoolSize(connections);
    }

    /** One file to fetch: its path and the largest body read. */
    public record Wanted(String path, int maxBytes) {
    }

    /**
     * @param port 443, or the port the URL names
     * @param maxBytes the largest body read; a larger one is {@link HttpsFetch.TooLarge}
     */
    public HttpsFetch get(String host, int port, String path, int maxBytes) {
        return get(host, port, List.of(new Wanted(path, maxBytes))).get(0);
    }

    /**
     * The files of one host, one after the other (the BIMI logo and mark certificate): one look-up of the host, a
     * connection of its own for each file. A kept connection was tried (session 5) and taken back: Vert.x hands a
     * connection back to its pool only after the response's end has been handled, so the next file could open a
     * second one anyway, and a pooled connection could pass to a concurrent check of another domain on the same
     * host, then be closed under it. The chain is validated once within seconds anyway (RememberingTrustManager).
     */
    public List<HttpsFetch> get(String host, int port, List<Wanted> files) {
        DnsAnswer<InetAddress> answer = dns.addresses(host);
        if (answer instanceof DnsAnswer.Failed<InetAddress> failed) {
            return files.stream().map(file -> (HttpsFetch) new HttpsFetch.HostDnsFailed(failed.reason())).toList();
        }
        List<InetAddress> addresses = answer.valuesOrEmpty();
        if (addresses.isEmpty()) {
            return files.stream().map(file -> (HttpsFetch) new HttpsFetch.HostMissing()).toList();
        }
        var permitted = addresses.stream().filter(guard::permits).toList();
        if (permitted.isEmpty()) {
            return files.stream().map(file -> (HttpsFetch) new HttpsFetch.HostPrivate(addresses.get(0))).toList();
        }
        return files.stream().map(file -> await(request(http, host, permitted.get(0), port, file.path())
                .compose(request -> send(request, file.maxBytes())))).toList();
    }

    private HttpsFetch await(Future<HttpsFetch> fetch) {
        try {
            return fetch.toCompletionStage().toCompletableFuture().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return classify(e.getCause() instanceof BodyFailure body ? body.getCause() : e.getCause());
        } catch (TimeoutException e) {
            return new HttpsFetch.Unreachable("no answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HttpsFetch.Unreachable("the check was interrupted");
        }
    }

    private Future<HttpClientRequest> request(HttpClient client, String host, InetAddress address, int port,
            String path) {
        var options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setURI(path)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false)
                .setTimeout(timeout.toMillis());
        return client.request(options);
    }

    private static Future<HttpsFetch> send(HttpClientRequest request, int maxBytes) {
        return request.send().compose(response -> read(response, maxBytes)
                .recover(failure -> Future.failedFuture(new BodyFailure(failure))));
    }

    /** A failure after the response began (kept apart from a failure to connect or send). */
    private static final class BodyFailure extends Exception {
        BodyFailure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private static Future<HttpsFetch> read(HttpClientResponse response, int maxBytes) {
        int status = response.statusCode();
        if (status != 200) {
            // Resetting the stream is how the body is refused; that is no error to log.
            response.exceptionHandler(reset -> { });
            response.request().reset();
            return Future.succeededFuture(status >= 300 && status < 400
                    ? new HttpsFetch.Redirect(status, response.getHeader("Location"))
                    : new HttpsFetch.HttpStatus(status));
        }
        Promise<HttpsFetch> result = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                result.tryComplete(new HttpsFetch.TooLarge(maxBytes));
                response.request().reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        String type = response.getHeader("Content-Type");
        response.endHandler(done -> result.tryComplete(new HttpsFetch.Body(type, body.getBytes())));
        response.exceptionHandler(result::tryFail);
        return result.future();
    }

    private static HttpsFetch classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException || cause instanceof java.security.cert.CertificateException) {
                return new HttpsFetch.TlsInvalid(String.valueOf(cause.getMessage()));
            }
        }
        return new HttpsFetch.Unreachable(String.valueOf(error.getMessage()));
    }

    public void close() {
        http.close();
    }
}
