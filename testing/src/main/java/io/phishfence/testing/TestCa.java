package io.phishfence.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run, issuing server certificates with any name and any validity
 * period (expired ones included, which certificate generators made for happy paths do not offer), and
 * self-signed certificates that chain to nothing.
 */
public final class TestCa {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCa(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /**
     * The key a CA signs with. Leaf keys are always P-256; the CA's key decides the algorithm of every signature a
     * client checks on the chain.
     */
    public enum KeyAlgorithm {
        /** ECDSA P-256 with SHA-256, the default. */
        EC_P256,
        /**
         * RSA 2048 with SHA-256, as the intermediates that issue most public web and MX certificates sign (Let's
         * Encrypt R10/R11, Google Trust Services, DigiCert).
         */
        RSA_2048
    }

    /** A CA valid from yesterday for a year, signing with ECDSA P-256. */
    public static TestCa create(String name) {
        return create(name, KeyAlgorithm.EC_P256);
    }

    /** A CA valid from yesterday for a year, signing with a key of {@code algorithm}. */
    public static TestCa create(String name, KeyAlgorithm algorithm) {
        KeyPair keys = algorithm == KeyAlgorithm.RSA_2048 ? newRsaKeys() : newKeys();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name);
        return new TestCa(keys, build(subject, keys.getPublic(), subject, keys.getPrivate(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)), null, true));
    }

    /** A server certificate for {@code dnsName} (subject CN and the only DNS SAN), signed by this CA. */
    public Issued issue(String dnsName, Instant notBefore, Instant notAfter) {
        KeyPair server = newKeys();
        return new Issued(server.getPrivate(), chain(dnsName, server.getPublic(), notBefore, notAfter));
    }

    /**
     * The chain, leaf first, of a certificate for {@code dnsName} on a public key the caller holds: one key for many
     * names, as a server that issues a certificate per SNI name uses.
     */
    public X509Certificate[] chain(String dnsName, PublicKey subjectKey, Instant notBefore, Instant notAfter) {
        X509Certificate leaf = build(new X500Name("CN=" + dnsName), subjectKey, new X500Name(
                certificate.getSubjectX500Principal().getName()), keys.getPrivate(), notBefore, notAfter, dnsName, false);
        return new X509Certificate[] {leaf, certificate};
    }

    /** A certificate for {@code dnsName} signed by its own key: no CA vouches for it. */
    public static Issued selfSigned(String dnsName, Instant notBefore, Instant notAfter) {
        KeyPair server = newKeys();
        X500Name subject = new X500Name("CN=" + dnsName);
        return new Issued(server.getPrivate(), new X509Certificate[] {
                build(subject, server.getPublic(), subject, server.getPrivate(), notBefore, notAfter, dnsName, false)});
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Writes the CA certificate as PEM, as trust-store settings take it. */
    public Path writePem(Path file) {
        try {
            Files.writeString(file, pem(certificate), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private key and the chain a server presents with it, leaf first. */
    public record Issued(PrivateKey key, X509Certificate[] chain) {

        public X509Certificate leaf() {
            return chain[0];
        }

        /** A server-side TLS context presenting this chain. */
        public SSLContext serverContext() {
            try {
                var store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", key, new char[0], chain);
                var factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, new char[0]);
                var context = SSLContext.getInstance("TLS");
                context.init(factory.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot make a TLS context", e);
            }
        }
    }

    private static KeyPair newKeys() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newRsaKeys() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter, String dnsName, boolean ca) {
        try {
            var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature));
            if (dnsName != null) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            }
            String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            var signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }
}
