package io.phishfence.monitor.bimi;

import io.phishfence.monitor.check.Finding;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The evidence document at a BIMI record's {@code a=} URL, read only as far as this: a PEM file of X.509
 * certificates whose first (the mark certificate) is valid now. Pure: bytes and an instant in, findings out. The
 * chain, the issuer and the mark inside are not validated: that is the mail clients' full VMC validation.
 */
public final class MarkCertificate {

    private MarkCertificate() {
    }

    public static List<Finding> check(byte[] pem, Instant now) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        List<X509Certificate> chain;
        try {
            chain = text.contains("-----BEGIN CERTIFICATE-----")
                    ? CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))
                            .stream().map(X509Certificate.class::cast).toList()
                    : List.of();
        } catch (CertificateException e) {
            chain = List.of();
        }
        if (chain.isEmpty()) {
            return List.of(Finding.error("BIMI_VMC_NOT_PEM", "The file at the BIMI record's a= URL is not a PEM "
                    + "certificate (-----BEGIN CERTIFICATE-----), so mail clients that require a Verified Mark "
                    + "Certificate show no logo.", null));
        }
        X509Certificate mark = chain.get(0);
        if (now.isBefore(mark.getNotBefore().toInstant())) {
            return List.of(Finding.error("BIMI_VMC_NOT_YET_VALID", "The mark certificate is valid only from "
                    + mark.getNotBefore().toInstant() + "; until then mail clients that require it show no logo.", null));
        }
        if (now.isAfter(mark.getNotAfter().toInstant())) {
            return List.of(Finding.error("BIMI_VMC_EXPIRED", "The mark certificate expired on "
                    + mark.getNotAfter().toInstant() + "; mail clients that require it show no logo. Renew it with "
                    + "your certificate authority and publish the new PEM file.", null));
        }
        return List.of(Finding.info("BIMI_VMC_PRESENT", "The mark certificate (" + mark.getSubjectX500Principal()
                .getName() + ") is a PEM certificate valid until " + mark.getNotAfter().toInstant() + ". Its chain and "
                + "the mark in it were not validated here."));
    }
}
