package io.phishfence.web;

import io.phishfence.testing.TestCa;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * A real HTTPS server on 127.0.0.1 that plays a chat tool's incoming webhooks: a certificate for {@code localhost}
 * from a test CA (which the web app is told to trust), every POST recorded by path, and answers a test scripts per
 * path (200 once the script is used up). Vert.x, so it never blocks.
 */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    /** One POST as the server received it, and the status it was answered with. */
    public record Received(String path, String contentType, String body, int answered) {
    }

    /** One scripted answer. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply of(int status) {
            return new Reply(status, Map.of(), "");
        }
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Map<String, Deque<Reply>> SCRIPTS = new ConcurrentHashMap<>();
    private static volatile int port;
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        try {
            var ca = TestCa.create("PhishFence test webhook CA");
            var issued = ca.issue("localhost", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(2)));
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "webhook-ca-");
            Path pem = ca.writePem(dir.resolve("ca.pem"));
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", issued.key(), new char[0], issued.chain());
            var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, new char[0]);
            vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                    .setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(keys)));
            server.requestHandler(request -> request.body().onSuccess(body -> {
                Deque<Reply> script = SCRIPTS.get(request.path());
                Reply scripted = script == null ? null : script.pollFirst();
                Reply reply = scripted == null ? new Reply(200, Map.of(), "ok") : scripted;
                RECEIVED.add(new Received(request.path(), request.getHeader("Content-Type"),
                        body.toString(StandardCharsets.UTF_8), reply.status()));
                var response = request.response().setStatusCode(reply.status());
                reply.headers().forEach(response::putHeader);
                response.end(reply.body());
            }));
            port = server.listen().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).actualPort();
            return Map.of("phishfence.web.alerts.webhook.trust-store", pem.toAbsolutePath().toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the webhook receiver", e);
        }
    }

    public static int port() {
        return port;
    }

    /** A fresh URL on the receiver, shaped like a Slack incoming webhook, whose token part is {@code secret}. */
    public static String url(String secret) {
        return "https://localhost:" + port + "/services/T0TEST/B0TEST/" + secret;
    }

    /** The answers the path gives to its next POSTs, in order. */
    public static void script(String path, Reply... replies) {
        SCRIPTS.put(path, new ArrayDeque<>(List.of(replies)));
    }

    /** Every POST to {@code path} so far. */
    public static List<Received> received(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
