package io.phishfence.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP port on loopback that nobody listens on right now, and that this JVM has not handed out before.
 *
 * <p>The kernel may give the same ephemeral port to two binds in a row once the first socket is closed. A caller that
 * asks for several ports before starting anything (a web port, an SMTP port, ...) would then give one server two
 * ports that are the same, and the second bind fails. CI saw exactly that once.
 */
public final class FreePort {

    private static final int ATTEMPTS = 100;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    public static int find() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = unusedPort();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no loopback port left that this JVM has not already handed out");
    }

    private static int unusedPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
