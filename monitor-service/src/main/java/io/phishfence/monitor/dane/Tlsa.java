package io.phishfence.monitor.dane;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A TLSA record (RFC 6698 2.1) and how it matches a certificate. For SMTP only DANE-TA(2) and DANE-EE(3) are
 * usable (RFC 7672 3.1.3): senders ignore PKIX-TA(0) and PKIX-EE(1).
 */
public record Tlsa(int usage, int selector, int matchingType, byte[] data) {

    static final int PKIX_TA = 0;
    static final int PKIX_EE = 1;
    static final int DANE_TA = 2;
    static final int DANE_EE = 3;

    /** Whether an RFC 7672 sender uses this record at all. */
    public boolean usableForSmtp() {
        return (usage == DANE_TA || usage == DANE_EE) && (selector == 0 || selector == 1)
                && matchingType >= 0 && matchingType <= 2;
    }

    /**
     * Whether the chain a server presented, leaf first, satisfies this record: DANE-EE matches the leaf; DANE-TA
     * matches a CA certificate in the chain (the leaf's name is checked separately, RFC 7672 3.2.2).
     */
    public boolean matches(List<X509Certificate> chain) {
        if (!usableForSmtp() || chain.isEmpty()) {
            return false;
        }
        var candidates = usage == DANE_EE ? chain.subList(0, 1) : chain.subList(1, chain.size());
        return candidates.stream().anyMatch(certificate -> Arrays.equals(data, association(certificate,
                selector, matchingType)));
    }

    /** The association data of {@code certificate} for the given selector and matching type. */
    static byte[] association(X509Certificate certificate, int selector, int matchingType) {
        try {
            byte[] selected = selector == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
            return switch (matchingType) {
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> selected;
            };
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    /** The record to publish at {@code _25._tcp.<host>} for {@code leaf}: DANE-EE, public key, SHA-256. */
    static String suggested(String host, X509Certificate leaf) {
        return "_25._tcp." + host + ". IN TLSA 3 1 1 " + HexFormat.of().formatHex(association(leaf, 1, 1));
    }

    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data);
    }
}
