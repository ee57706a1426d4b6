package io.phishfence.monitor.bimi;

import io.phishfence.testing.TestCa;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * A real HTTPS server on a loopback address for BIMI logos and mark certificates: non-blocking (Vert.x), with a
 * certificate from the test CA for one name, serving whatever file a test put at a path.
 */
final class BrandHost implements AutoCloseable {

    /** What one path answers. */
    record File(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, File> files = new ConcurrentHashMap<>();

    private BrandHost(HttpServer server) {
        this.server = server;
    }

    static BrandHost start(Vertx vertx, String ip, TestCa.Issued certificate) throws Exception {
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", certificate.key(), new char[0], certificate.chain());
        var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        var server = vertx.createHttpServer(new HttpServerOptions().setHost(ip).setPort(0).setSsl(true)
                .setKeyCertOptions(KeyCertOptions.wrap(keys)));
        var host = new BrandHost(server);
        server.requestHandler(request -> {
            File file = host.files.getOrDefault(request.path(), new File(404, "text/plain", new byte[0]));
            var response = request.response().setStatusCode(file.status()).putHeader("Content-Type", file.contentType());
            if (file.status() / 100 == 3) {
                response.putHeader("Location", "https://elsewhere.example/logo.svg");
            }
            response.end(io.vertx.core.buffer.Buffer.buffer(file.body()));
        });
        server.listen().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return host;
    }

    int port() {
        return server.actualPort();
    }

    BrandHost serve(String path, int status, String contentType, String body) {
        files.put(path, new File(status, contentType, body.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Override
    public void close() {
        server.close();
    }
}
