package io.phishfence.system.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.X509KeyManager;

/**
 * The benchmark's MX: an SMTP server on loopback that says just what a probe needs (banner, EHLO offering
 * STARTTLS, STARTTLS, QUIT), non-blocking on Netty so that its TLS runs on the engine real MTAs use (OpenSSL,
 * here BoringSSL) rather than the JDK's pure-Java one, which would make the benchmark measure its own server.
 * The certificate is issued for the name the probe asks by SNI, as {@link SniPolicyHost} does.
 */
final class StartTlsMx implements AutoCloseable {

    private final Vertx vertx;
    private final NetServer server;

    private StartTlsMx(Vertx vertx, NetServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static StartTlsMx start(X509KeyManager keys, SSLEngineOptions engine) throws IOException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        NetServer server = vertx.createNetServer(new NetServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setAcceptBacklog(1024)
                // TLS only after STARTTLS (upgradeToSsl), with these keys and this engine.
                .setSsl(false)
                .setKeyCertOptions(KeyCertOptions.wrap(keys))
                .setSslEngineOptions(engine));
        server.connectHandler(StartTlsMx::converse);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            vertx.close();
            throw new IOException("the bench MX did not start", e);
        }
        return new StartTlsMx(vertx, server);
    }

    private static void converse(NetSocket socket) {
        socket.exceptionHandler(clientLeft -> socket.close());
        socket.write("220 bench-mx ESMTP\r\n");
        socket.handler(RecordParser.newDelimited("\n", line -> answer(socket, line)));
    }

    private static void answer(NetSocket socket, Buffer line) {
        String command = line.toString().strip().toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO")) {
            socket.write("250-bench-mx\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n");
        } else if (command.startsWith("STARTTLS") && !socket.isSsl()) {
            socket.write("220 2.0.0 Ready to start TLS\r\n").onSuccess(sent -> socket.upgradeToSsl());
        } else if (command.startsWith("QUIT")) {
            socket.write("221 2.0.0 bye\r\n").onComplete(sent -> socket.close());
        } else {
            socket.write("502 5.5.2 not implemented\r\n");
        }
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        vertx.close();
    }
}
