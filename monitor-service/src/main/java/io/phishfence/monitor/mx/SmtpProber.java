package io.phishfence.monitor.mx;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.ReferenceCountUtil;
import io.phishfence.monitor.MonitorConfig;
import io.phishfence.monitor.net.NativeTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;

/**
 * Probes one address of one MX host as a sending MTA would (RFC 5321, RFC 3207): connect, read the banner, EHLO,
 * STARTTLS when offered, TLS handshake with SNI = the MX host name. It stops there: no mail is sent. The whole
 * probe has one time limit, checked before every byte read, so a server that drips bytes cannot hold it longer.
 * The handshake runs on BoringSSL when it loads, else on the JDK's TLS ({@link NativeTls}); both offer what the
 * JDK offers by default (TLS 1.2 and 1.3, its cipher suites), so the provider never changes what a probe finds.
 */
public final class SmtpProber {

    /** RFC 5321 4.5.3.1.5: a reply line is at most 512 octets; servers exceed it, we allow some room. */
    static final int MAX_LINE = 2048;
    static final int MAX_LINES = 100;

    private final int port;
    private final Duration timeout;
    private final String ehloName;
    private final SslContext tls;

    /**
     * @param port 25, or a test server's
     * @param timeout the limit of one whole probe
     * @param ehloName the name given in EHLO
     */
    public SmtpProber(int port, Duration timeout, String ehloName) {
        this(port, timeout, ehloName, NativeTls.provider());
    }

    /** @param provider the TLS implementation of the handshake ({@link NativeTls#provider()}) */
    SmtpProber(int port, Duration timeout, String ehloName, SslProvider provider) {
        this.port = port;
        this.timeout = timeout;
        this.ehloName = ehloName;
        try {
            var jdkDefaults = SSLContext.getDefault().getDefaultSSLParameters();
            this.tls = SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .trustManager(new RecordingTrustManager())
                    // The chain and the name are judged after the handshake, by ProbeEvaluator.
                    .endpointIdentificationAlgorithm(null)
                    .protocols(jdkDefaults.getProtocols())
                    .ciphers(Arrays.asList(jdkDefaults.getCipherSuites()), SupportedCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (NoSuchAlgorithmException | SSLException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    /** A prober as {@code phishfence.monitor.smtp.*} says; EHLO gives this machine's name unless one is set. */
    public static SmtpProber configured(MonitorConfig.Smtp config) {
        String ehloName = config.ehloName().orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        });
        return new SmtpProber(config.port(), config.timeout(), ehloName);
    }

    /** The port probes connect to. */
    int port() {
        return port;
    }

    public MxProbe probe(String host, InetAddress address) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            } catch (SocketTimeoutException e) {
                return new MxProbe.Unreachable(host, address, "no answer on port " + port + " within "
                        + timeout.toSeconds() + " s");
            } catch (ConnectException e) {
                return new MxProbe.Unreachable(host, address, "connection to port " + port + " refused");
            } catch (IOException e) {
                return new MxProbe.Unreachable(host, address, e.getMessage());
            }
            var session = new Session(socket, deadline);
            SmtpReply banner = session.read();
            if (banner.code() != 220) {
                return new MxProbe.Refused(host, address, "banner", banner);
            }
            session.send("EHLO " + ehloName);
            SmtpReply ehlo = session.read();
            if (ehlo.code() != 250) {
                return new MxProbe.Refused(host, address, "EHLO", ehlo);
            }
            if (!ehlo.offers("STARTTLS")) {
                session.quit();
                return new MxProbe.NoStartTls(host, address, ehlo);
            }
            session.send("STARTTLS");
            SmtpReply ready = session.read();
            if (ready.code() != 220) {
                session.quit();
                return new MxProbe.Refused(host, address, "STARTTLS", ready);
            }
            return handshake(host, address, socket, deadline);
        } catch (SocketTimeoutException e) {
            return new MxProbe.Garbled(host, address, "the server stopped answering (no reply within "
                    + timeout.toSeconds() + " s)");
        } catch (IOException e) {
            return new MxProbe.Garbled(host, address, e.getMessage());
        }
    }

    private MxProbe handshake(String host, InetAddress address, Socket socket, long deadline) throws IOException {
        SSLEngine engine = tls.newEngine(ByteBufAllocator.DEFAULT, host, port);
        try {
            var parameters = engine.getSSLParameters();
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException notAHostName) {
                // A name SNI cannot carry (e.g. with an underscore): handshake without it, as MTAs do.
            }
            engine.setSSLParameters(parameters);
            // The socket's own input is read unbuffered above, so nothing the server sent before the handshake
            // (RFC 3207 5: such data must be discarded) can leak into the TLS session.
            var tlsSession = new EngineHandshake(engine, socket, deadline);
            try {
                tlsSession.run();
            } catch (SocketTimeoutException e) {
                return new MxProbe.TlsFailed(host, address, "the TLS handshake did not finish within "
                        + timeout.toSeconds() + " s");
            } catch (IOException e) {
                return new MxProbe.TlsFailed(host, address, e.getMessage());
            }
            var session = engine.getSession();
            List<X509Certificate> chain = Arrays.stream(session.getPeerCertificates())
                    .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
            try {
                tlsSession.send("QUIT");
            } catch (IOException alreadyGone) {
                // Saying goodbye is a courtesy; the probe has what it came for.
            }
            return new MxProbe.Secured(host, address, session.getProtocol(), session.getCipherSuite(), chain);
        } finally {
            // BoringSSL's engine holds native memory until released; the JDK's is not reference-counted.
            ReferenceCountUtil.release(engine);
        }
    }

    static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("probe time limit reached");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** The plain-text part of one SMTP session. */
    private static final class Session {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final long deadline;

        Session(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.deadline = deadline;
        }

        void send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** One whole reply, however many lines; an {@link IOException} when it is not SMTP. */
        SmtpReply read() throws IOException {
            var lines = new ArrayList<String>();
            while (true) {
                String line = line();
                lines.add(line);
                if (SmtpReply.isLast(line) || lines.size() >= MAX_LINES) {
                    break;
                }
            }
            return SmtpReply.parse(lines).orElseThrow(() -> new IOException("not an SMTP reply: \""
                    + printable(lines.get(0)) + "\""));
        }

        void quit() {
            try {
                send("QUIT");
            } catch (IOException alreadyGone) {
                // A courtesy only.
            }
        }

        private String line() throws IOException {
            var line = new StringBuilder();
            while (true) {
                socket.setSoTimeout(remainingMillis(deadline));
                int c = in.read();
                if (c < 0) {
                    throw new IOException(line.isEmpty() ? "the server closed the connection"
                            : "the server closed the connection in the middle of a reply");
                }
                if (c == '\n') {
                    int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                    return line.substring(0, end);
                }
                if (line.length() >= MAX_LINE) {
                    throw new IOException("a reply line longer than " + MAX_LINE + " characters");
                }
                line.append((char) c);
            }
        }

        private static String printable(String text) {
            String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
            return shown.replaceAll("[^\\x20-\\x7e…]", "?");
        }
    }

    /**
     * Takes any certificate during the handshake: the probe exists to look at the certificate, whatever it is
     * (DANE, for one, does not need a CA). Nothing is ever sent over this connection but QUIT; the chain is judged
     * afterwards, against the configured trust, by {@link ProbeEvaluator}.
     */
    private static final class RecordingTrustManager implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("the prober is a client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Judged after the handshake; see the class comment.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
