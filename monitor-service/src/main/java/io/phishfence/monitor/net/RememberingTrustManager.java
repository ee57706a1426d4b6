package io.phishfence.monitor.net;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust manager, with a short memory: its verdict on a server certificate chain is kept for
 * {@code lifetime}, so that the same chain seen again soon (the BIMI logo's and mark certificate's host, the
 * addresses of one MX host, an MX host that many domains share) is not validated again. PKIX validation is the
 * largest part of a check's CPU time.
 *
 * <p>A verdict is reused only for exactly what it was given for: the same encoded certificates, the same key
 * exchange, and, for a handshake, the same host name, endpoint identification, protocol and signature algorithms;
 * the cache belongs to one trust manager, so one set of authorities. The only other input of PKIX validation is
 * the time, so a verdict is never kept past the {@code notAfter} of any certificate of its chain, nor at all when
 * one of them is not valid yet. Concurrent validations of the same chain wait for one.
 */
public final class RememberingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final Clock clock;
    private final Duration lifetime;
    private final Cache<String, Verdict> verdicts;

    /**
     * @param lifetime how long a verdict is kept at most
     * @param maxVerdicts how many verdicts are kept at most (about 200 bytes each)
     */
    public RememberingTrustManager(X509ExtendedTrustManager delegate, Clock clock, Duration lifetime,
            int maxVerdicts) {
        this.delegate = delegate;
        this.clock = clock;
        this.lifetime = lifetime;
        this.verdicts = Caffeine.newBuilder()
                .maximumSize(maxVerdicts)
                .expireAfterWrite(lifetime)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** What the delegate said: nothing (trusted), or why not. */
    private record Verdict(CertificateException refusal, Instant until) {
    }

    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        remembered(chain, authType, "", () -> delegate.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        String context = engine == null ? "" : context(engine.getHandshakeSession(),
                engine.getSSLParameters().getEndpointIdentificationAlgorithm(), engine.getPeerHost());
        remembered(chain, authType, context, () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        // Not used by the monitor's clients (they are engines); not remembered rather than keyed half-way.
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private void remembered(X509Certificate[] chain, String authType, String context, Check check)
            throws CertificateException {
        Instant now = clock.instant();
        Instant until = until(chain, now);
        if (until == null) {
            check.run();
            return;
        }
        String key = key(chain, authType, context);
        Verdict verdict = verdicts.getIfPresent(key);
        if (verdict == null || !now.isBefore(verdict.until())) {
            // One validation per key at a time: the others wait for its verdict rather than repeat it.
            verdict = verdicts.asMap().compute(key, (k, old) -> old != null && now.isBefore(old.until()) ? old
                    : new Verdict(refusal(check), until));
        }
        if (verdict.refusal() != null) {
            throw new CertificateException(verdict.refusal().getMessage(), verdict.refusal());
        }
    }

    private static CertificateException refusal(Check check) {
        try {
            check.run();
            return null;
        } catch (CertificateException e) {
            return e;
        }
    }

    /** Until when a verdict on {@code chain} may be kept: null when it may not be kept at all. */
    private Instant until(X509Certificate[] chain, Instant now) {
        if (chain == null || chain.length == 0) {
            return null;
        }
        Instant until = now.plus(lifetime);
        for (X509Certificate certificate : chain) {
            if (now.isBefore(certificate.getNotBefore().toInstant())) {
                return null;
            }
            Instant notAfter = certificate.getNotAfter().toInstant();
            if (notAfter.isBefore(until)) {
                until = notAfter;
            }
        }
        return now.isBefore(until) ? until : null;
    }

    /** What a handshake adds to the chain: the name checked against it, and what constrains the algorithms. */
    private static String context(SSLSession session, String identification, String peerHost) {
        var parts = new StringBuilder(String.valueOf(identification)).append('|').append(peerHost);
        if (session != null) {
            parts.append('|').append(session.getProtocol());
            if (session instanceof ExtendedSSLSession extended) {
                parts.append('|').append(extended.getRequestedServerNames())
                        .append('|').append(String.join(",", extended.getLocalSupportedSignatureAlgorithms()))
                        .append('|').append(String.join(",", extended.getPeerSupportedSignatureAlgorithms()));
            }
        }
        return parts.toString();
    }

    /** A digest rather than the certificates themselves, so that a full cache stays small. */
    private static String key(X509Certificate[] chain, String authType, String context)
            throws CertificateEncodingException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha256.update((Objects.toString(authType) + '\n' + context + '\n').getBytes(StandardCharsets.UTF_8));
        for (X509Certificate certificate : List.of(chain)) {
            byte[] encoded = certificate.getEncoded();
            sha256.update(Integer.toString(encoded.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update(encoded);
        }
        return Base64.getEncoder().encodeToString(sha256.digest());
    }
}
