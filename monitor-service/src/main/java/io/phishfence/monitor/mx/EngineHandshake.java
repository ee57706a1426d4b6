package io.phishfence.monitor.mx;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Drives a client {@link SSLEngine} over a connected blocking socket: the TLS handshake of STARTTLS, then one last
 * command. An engine rather than an {@code SSLSocket} because BoringSSL (ADR 0015) comes as an engine only. The
 * socket's input has been read unbuffered up to here, so the first byte the engine sees is the server's first TLS
 * byte; every read waits at most until the probe's deadline.
 */
final class EngineHandshake {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long deadline;
    private ByteBuffer fromServer;
    private ByteBuffer toServer;
    private ByteBuffer plain;

    EngineHandshake(SSLEngine engine, Socket socket, long deadline) throws IOException {
        this.engine = engine;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.deadline = deadline;
        int packet = engine.getSession().getPacketBufferSize();
        this.fromServer = ByteBuffer.allocate(packet).flip();
        this.toServer = ByteBuffer.allocate(packet);
        this.plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Runs the handshake to its end; an {@link SSLException} when TLS fails, a {@link java.net.SocketTimeoutException} at the deadline. */
    void run() throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(NOTHING);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrap();
                case NEED_TASK -> {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    /** Sends one line over the secured connection. */
    void send(String line) throws IOException {
        wrap(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private void wrap(ByteBuffer data) throws IOException {
        do {
            toServer.clear();
            SSLEngineResult result = engine.wrap(data, toServer);
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> toServer = ByteBuffer.allocate(toServer.capacity() * 2);
                case CLOSED -> throw new SSLException("the TLS session was closed during the handshake");
                default -> {
                    out.write(toServer.array(), 0, toServer.position());
                    out.flush();
                }
            }
        } while (data.hasRemaining());
    }

    private void unwrap() throws IOException {
        while (true) {
            plain.clear();
            SSLEngineResult result = engine.unwrap(fromServer, plain);
            switch (result.getStatus()) {
                case OK -> {
                    boolean stalled = result.bytesConsumed() == 0 && result.bytesProduced() == 0
                            && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP;
                    if (!stalled) {
                        return;
                    }
                    readMore();
                }
                case BUFFER_UNDERFLOW -> readMore();
                case BUFFER_OVERFLOW -> plain = ByteBuffer.allocate(plain.capacity() * 2);
                case CLOSED -> throw new SSLException("the server closed the TLS session during the handshake");
            }
        }
    }

    /** Reads what the server sent next, up to the probe's deadline. */
    private void readMore() throws IOException {
        if (fromServer.remaining() == fromServer.capacity()) {
            fromServer = ByteBuffer.allocate(fromServer.capacity() * 2).put(fromServer);
        } else {
            fromServer.compact();
        }
        socket.setSoTimeout(SmtpProber.remainingMillis(deadline));
        try {
            int read = in.read(fromServer.array(), fromServer.position(), fromServer.remaining());
            if (read < 0) {
                throw new EOFException("the server closed the connection during the TLS handshake");
            }
            fromServer.position(fromServer.position() + read);
        } finally {
            fromServer.flip();
        }
    }
}
