package io.phishfence.monitor.dns;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Message;
import org.xbill.DNS.io.IoClientFactory;
import org.xbill.DNS.io.TcpIoClient;
import org.xbill.DNS.io.UdpIoClient;

/**
 * dnsjava's transport, blocking: the thread that asks sends the question and waits on its own socket for the answer.
 *
 * <p>dnsjava's own transport hands every question to its selector thread and every answer back, so each question costs
 * two thread wake-ups and the selector's bookkeeping on top of the exchange itself. The checks ask from threads that
 * wait for the answer anyway ({@code check-step}), so the hand-overs buy nothing there. Everything above the sockets
 * stays dnsjava's: the message, EDNS, the checks that the answer matches the question, the fall-back to TCP when an
 * answer is truncated, and the retries.
 *
 * <p>Each UDP question has a socket of its own on a random port, as dnsjava's transport does, so that an answer forged
 * from off the path has to guess the port as well as the ID (RFC 5452). The socket is connected to the server, so the
 * kernel drops datagrams from anywhere else; a datagram whose ID is not the question's is dropped and the wait goes
 * on until the deadline. Over TCP (RFC 7766) one connection carries one question, with the two-byte length prefix.
 *
 * <p>Only for callers that may block: the futures it returns are complete when they are returned.
 */
final class BlockingDnsTransport implements IoClientFactory, UdpIoClient, TcpIoClient {

    static final BlockingDnsTransport INSTANCE = new BlockingDnsTransport();

    private static final int FIRST_UNPRIVILEGED_PORT = 1024;
    private static final int PORT_ATTEMPTS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlockingDnsTransport() {
    }

    @Override
    public UdpIoClient createOrGetUdpClient() {
        return this;
    }

    @Override
    public TcpIoClient createOrGetTcpClient() {
        return this;
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveUdp(InetSocketAddress local, InetSocketAddress remote,
            Message query, byte[] data, int max, Duration timeout) {
        try (DatagramSocket socket = boundToRandomPort(local)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            socket.connect(remote);
            socket.send(new DatagramPacket(data, data.length));
            byte[] buffer = new byte[max];
            while (true) {
                socket.setSoTimeout(remainingMillis(deadline, remote));
                var packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                if (packet.getLength() >= 2 && buffer[0] == data[0] && buffer[1] == data[1]) {
                    return CompletableFuture.completedFuture(Arrays.copyOf(buffer, packet.getLength()));
                }
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<byte[]> sendAndReceiveTcp(InetSocketAddress local, InetSocketAddress remote,
            Message query, byte[] data, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var socket = new Socket()) {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote, remainingMillis(deadline, remote));
            socket.setTcpNoDelay(true);
            byte[] framed = new byte[data.length + 2];
            framed[0] = (byte) (data.length >>> 8);
            framed[1] = (byte) data.length;
            System.arraycopy(data, 0, framed, 2, data.length);
            socket.getOutputStream().write(framed);
            byte[] prefix = readFully(socket, new byte[2], deadline, remote);
            int length = ((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff);
            return CompletableFuture.completedFuture(readFully(socket, new byte[length], deadline, remote));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Fills {@code buffer} from the socket by the deadline. The socket's timeout applies to each read, so it is set to
     * what is left before each one: a server that sends a byte at a time cannot stretch the wait past the deadline.
     */
    private static byte[] readFully(Socket socket, byte[] buffer, long deadline, InetSocketAddress remote)
            throws IOException {
        InputStream in = socket.getInputStream();
        for (int filled = 0; filled < buffer.length; ) {
            socket.setSoTimeout(remainingMillis(deadline, remote));
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                throw new EOFException("the DNS server " + remote + " closed the connection before its answer was"
                        + " complete");
            }
            filled += read;
        }
        return buffer;
    }

    /** A socket on a random unprivileged port of {@code local} (any address when null). */
    private static DatagramSocket boundToRandomPort(InetSocketAddress local) throws IOException {
        var socket = new DatagramSocket(null);
        try {
            if (local != null && local.getPort() != 0) {
                socket.bind(local);
                return socket;
            }
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                int port = FIRST_UNPRIVILEGED_PORT + RANDOM.nextInt(65_536 - FIRST_UNPRIVILEGED_PORT);
                try {
                    socket.bind(local == null ? new InetSocketAddress(port)
                            : new InetSocketAddress(local.getAddress(), port));
                    return socket;
                } catch (BindException taken) {
                    // In use: try another.
                }
            }
            // Every try taken (a busy machine): the kernel's choice is still a random one.
            socket.bind(local);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Milliseconds to the deadline, at least 1 (0 would mean no limit to a socket). */
    private static int remainingMillis(long deadline, InetSocketAddress remote) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("no answer from the DNS server " + remote + " in time");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
