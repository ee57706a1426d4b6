package io.phishfence.monitor.net;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Which TLS implementation the monitor's handshakes use (ADR 0015): BoringSSL from netty-tcnative when its native
 * library loads, which does the elliptic-curve work of a handshake (X25519, P-256 signatures) about ten times
 * cheaper than the JDK's pure-Java code; otherwise the JDK's, said once in the log. Both are complete TLS
 * implementations: the choice changes the cost of a check, never its findings.
 */
public final class NativeTls {

    private static final Logger LOG = Logger.getLogger(NativeTls.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private NativeTls() {
    }

    /** Whether BoringSSL is loaded; the first call that finds it is not logs why. */
    public static boolean available() {
        boolean available = OpenSsl.isAvailable();
        if (!available && TOLD.compareAndSet(false, true)) {
            LOG.warnf("BoringSSL (netty-tcnative) did not load, TLS handshakes use the JDK's slower implementation: %s",
                    String.valueOf(OpenSsl.unavailabilityCause()));
        }
        return available;
    }

    /** The provider of Netty {@code SslContext}s: BoringSSL when it loads, else the JDK. */
    public static SslProvider provider() {
        return available() ? SslProvider.OPENSSL_REFCNT : SslProvider.JDK;
    }

    /** The same choice for a Vert.x client or server. */
    public static SSLEngineOptions vertxEngine() {
        return available() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
    }
}
