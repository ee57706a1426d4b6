package io.phishfence.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.server.SMTPServer;

/**
 * SMTP servers on a loopback address for tests of clients that probe mail servers: a real SMTP server
 * (SubEthaSMTP) with or without STARTTLS, or a scripted one that misbehaves in one named way real servers do.
 */
public final class TestSmtpServer implements AutoCloseable {

    /** The ways a scripted server misbehaves. */
    public enum Misbehaviour {
        /** Greets with 554: this host takes no mail. */
        REJECTS_CONNECTION,
        /** Offers STARTTLS, then answers the command with 454. */
        REFUSES_STARTTLS,
        /** Offers STARTTLS, says 220, then sends bytes that are no TLS. */
        BREAKS_TLS,
        /** Accepts the connection and never says a word. */
        SILENT
    }

    private final Runnable stop;

    private TestSmtpServer(Runnable stop) {
        this.stop = stop;
    }

    /** A real SMTP server offering STARTTLS with {@code tls} (which carries the certificate chain). */
    public static TestSmtpServer withStartTls(InetAddress address, int port, SSLContext tls) {
        return real(address, port, tls);
    }

    /** A real SMTP server that does not offer STARTTLS. */
    public static TestSmtpServer withoutStartTls(InetAddress address, int port) {
        return real(address, port, null);
    }

    private static TestSmtpServer real(InetAddress address, int port, SSLContext tls) {
        var builder = SMTPServer.port(port)
                .bindAddress(address)
                .hostName("test-mx")
                .connectionTimeout(30, TimeUnit.SECONDS)
                .messageHandler((context, from, to, data) -> {
                });
        if (tls != null) {
            builder.enableTLS().startTlsSocketFactory(tls);
        }
        SMTPServer server = builder.build();
        server.start();
        return new TestSmtpServer(server::stop);
    }

    /** A server that misbehaves as {@code misbehaviour} says, on every connection. */
    public static TestSmtpServer misbehaving(InetAddress address, int port, Misbehaviour misbehaviour) {
        try {
            var socket = new ServerSocket(port, 16, address);
            var thread = new Thread(() -> serve(socket, misbehaviour), "smtp-" + misbehaviour);
            thread.setDaemon(true);
            thread.start();
            return new TestSmtpServer(() -> {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void serve(ServerSocket listener, Misbehaviour misbehaviour) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                var thread = new Thread(() -> converse(socket, misbehaviour), "smtp-session");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void converse(Socket socket, Misbehaviour misbehaviour) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            socket.setSoTimeout(30_000);
            switch (misbehaviour) {
                case SILENT -> {
                    // Read until the client gives up; say nothing.
                    while (in.read() >= 0) {
                        continue;
                    }
                    return;
                }
                case REJECTS_CONNECTION -> {
                    write(out, "554-test-mx does not accept mail\r\n554 5.3.2 go away\r\n");
                    return;
                }
                default -> write(out, "220 test-mx ESMTP\r\n");
            }
            String line;
            while ((line = readLine(in)) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    write(out, "250-test-mx\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n");
                } else if (command.startsWith("STARTTLS") && misbehaviour == Misbehaviour.REFUSES_STARTTLS) {
                    write(out, "454 4.7.0 TLS not available due to temporary reason\r\n");
                } else if (command.startsWith("STARTTLS")) {
                    write(out, "220 2.0.0 Ready to start TLS\r\n");
                    write(out, "this is not a TLS server hello\r\n");
                    return;
                } else if (command.startsWith("QUIT")) {
                    write(out, "221 2.0.0 bye\r\n");
                    return;
                } else {
                    write(out, "502 5.5.2 not implemented\r\n");
                }
            }
        } catch (IOException clientLeft) {
            // The client hung up: nothing to do for a test server.
        }
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString().strip();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        stop.run();
    }
}
