package io.phishfence.monitor.mx;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Severity;
import io.phishfence.monitor.mtasts.StsPolicy;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.X509TrustManager;

/**
 * What one probe means for the domain's mail (pure): the session itself (STARTTLS offered, TLS version) and the
 * certificate (trusted, valid for the MX host, not expired, days left), and what senders that enforce the
 * domain's MTA-STS policy make of it (RFC 8461 4.2: they deliver only over TLS with a valid certificate).
 */
final class ProbeEvaluator {

    static final Set<String> CURRENT_TLS = Set.of("TLSv1.2", "TLSv1.3");
    static final long WARN_DAYS = 14;
    static final long NOTICE_DAYS = 30;

    private ProbeEvaluator() {
    }

    static List<Finding> evaluate(MxProbe probe, Optional<StsPolicy> policy, X509TrustManager trust, Instant now) {
        String where = probe.host() + " (" + probe.address().getHostAddress() + ")";
        var findings = new ArrayList<Finding>();
        String tlsProblem = session(probe, where, trust, now, findings);
        if (tlsProblem != null && policy.isPresent() && policy.get().mode() != StsPolicy.Mode.NONE) {
            boolean enforced = policy.get().mode() == StsPolicy.Mode.ENFORCE;
            findings.add(new Finding("MX_MTA_STS_WILL_FAIL", enforced ? Severity.ERROR : Severity.WARNING,
                    "Senders that honour your MTA-STS policy " + (enforced ? "will not deliver" : "will report failures")
                            + " to " + where + ": " + tlsProblem + ".",
                    null));
        }
        return findings;
    }

    /** Adds the findings on the SMTP session; returns why MTA-STS senders refuse it, or null when they would not. */
    private static String session(MxProbe probe, String where, X509TrustManager trust, Instant now,
            List<Finding> findings) {
        if (probe instanceof MxProbe.Secured secured) {
            return certificate(secured, where, trust, now, findings);
        }
        if (probe instanceof MxProbe.NoStartTls) {
            findings.add(Finding.error("MX_STARTTLS_MISSING", "The mail server " + where + " does not offer "
                    + "STARTTLS, so mail to it travels unencrypted.", "Enable STARTTLS on " + probe.host()
                    + " with a certificate for " + probe.host() + " from a public CA (e.g. Let's Encrypt)."));
            return "it does not offer STARTTLS";
        }
        if (probe instanceof MxProbe.Refused refused && refused.stage().equals("STARTTLS")) {
            findings.add(Finding.error("MX_STARTTLS_REFUSED", "The mail server " + where + " offers STARTTLS "
                    + "but refuses it (" + refused.reply() + "), so mail to it travels unencrypted.", null));
            return "it refuses STARTTLS";
        }
        if (probe instanceof MxProbe.Refused refused) {
            findings.add(Finding.error("MX_SMTP_REFUSED", "The mail server " + where + " refuses mail: it "
                    + "answers the " + refused.stage() + " with " + refused.reply() + ".", null));
        } else if (probe instanceof MxProbe.TlsFailed failed) {
            findings.add(Finding.error("MX_TLS_HANDSHAKE_FAILED", "The mail server " + where + " accepts "
                    + "STARTTLS but the TLS handshake fails (" + failed.reason() + "); senders fall back to "
                    + "unencrypted delivery or give up.", null));
            return "its TLS handshake fails";
        } else if (probe instanceof MxProbe.Unreachable unreachable) {
            findings.add(Finding.error("MX_UNREACHABLE", "The mail server " + where + " cannot be reached: "
                    + unreachable.reason() + ".", null));
        } else if (probe instanceof MxProbe.Garbled garbled) {
            findings.add(Finding.error("MX_SMTP_ERROR", "The mail server " + where + " does not answer as an "
                    + "SMTP server should: " + garbled.reason() + ".", null));
        }
        return null;
    }

    /** Adds the findings on a TLS session; returns why MTA-STS senders refuse it, or null when they accept it. */
    private static String certificate(MxProbe.Secured probe, String where, X509TrustManager trust, Instant now,
            List<Finding> findings) {
        String problem = null;
        if (!CURRENT_TLS.contains(probe.protocol())) {
            findings.add(Finding.warning("MX_TLS_VERSION_OLD", "The mail server " + where + " negotiates "
                    + probe.protocol() + "; TLS 1.2 or later is expected.", "Enable TLS 1.2 and 1.3 on " + probe.host()
                    + " and disable older versions."));
        }
        if (probe.chain().isEmpty()) {
            findings.add(Finding.error("MX_CERT_UNTRUSTED", "The mail server " + where + " presents no certificate.",
                    null));
            return "it presents no certificate";
        }
        X509Certificate leaf = probe.chain().get(0);
        Instant notAfter = leaf.getNotAfter().toInstant();
        String fix = "Install a certificate for " + probe.host() + " from a public CA (e.g. Let's Encrypt), with "
                + "its intermediate certificates.";
        // Expiry first: a PKIX check fails on an expired certificate too, and renewing is the fix that matters.
        if (now.isAfter(notAfter)) {
            findings.add(Finding.error("MX_CERT_EXPIRED", "The certificate of " + where + " expired on "
                    + day(notAfter) + ".", "Renew the certificate of " + probe.host() + " and automate renewal."));
            problem = "its certificate has expired";
        } else if (selfSigned(probe.chain())) {
            findings.add(Finding.warning("MX_CERT_SELF_SIGNED", "The certificate of " + where + " is self-signed: "
                    + "no authority vouches for it, so senders cannot tell it from an impostor's.", fix));
            problem = "its certificate is self-signed";
        } else if (!trusted(probe.chain(), trust)) {
            findings.add(Finding.warning("MX_CERT_UNTRUSTED", "The certificate of " + where + " does not chain to "
                    + "a trusted authority (issuer: " + leaf.getIssuerX500Principal().getName() + ").", fix));
            problem = "its certificate is not from a trusted authority";
        }
        if (!CertificateNames.matches(leaf, probe.host())) {
            findings.add(Finding.warning("MX_CERT_NAME_MISMATCH", "The certificate of " + where + " is for "
                    + CertificateNames.of(leaf) + ", not for " + probe.host() + ".", fix));
            problem = problem == null ? "its certificate is not for " + probe.host() : problem;
        }
        long daysLeft = Duration.between(now, notAfter).toDays();
        if (!now.isAfter(notAfter) && daysLeft <= NOTICE_DAYS) {
            findings.add(new Finding("MX_CERT_EXPIRES_SOON", daysLeft <= WARN_DAYS ? Severity.WARNING : Severity.INFO,
                    "The certificate of " + where + " expires in " + daysLeft + " days (" + day(notAfter) + ").",
                    "Renew the certificate of " + probe.host() + " and automate renewal."));
        }
        findings.add(Finding.info("MX_STARTTLS_OK", "The mail server " + where + " offers STARTTLS: "
                + probe.protocol() + ", " + probe.cipherSuite() + ", certificate for " + CertificateNames.of(leaf)
                + " valid until " + day(notAfter) + "."));
        return problem;
    }

    private static boolean selfSigned(List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        if (chain.size() != 1 || !leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            return false;
        }
        try {
            leaf.verify(leaf.getPublicKey());
            return true;
        } catch (Exception notSignedByItself) {
            return false;
        }
    }

    private static boolean trusted(List<X509Certificate> chain, X509TrustManager trust) {
        try {
            trust.checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN");
            return true;
        } catch (CertificateException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
