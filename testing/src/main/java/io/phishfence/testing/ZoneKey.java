package io.phishfence.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The signing key of a test zone (ECDSA P-256, algorithm 13; one key for keys and data), and the DS record
 * that makes it a trust anchor.
 */
public record ZoneKey(Name zone, DNSKEYRecord dnskey, PrivateKey privateKey) {

    public static ZoneKey generate(String zone) {
        try {
            Name name = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            var keys = generator.generateKeyPair();
            var dnskey = new DNSKEYRecord(name, DClass.IN, 300, DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY,
                    DNSKEYRecord.Protocol.DNSSEC, DNSSEC.Algorithm.ECDSAP256SHA256, keys.getPublic());
            return new ZoneKey(name, dnskey, keys.getPrivate());
        } catch (TextParseException | GeneralSecurityException | DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot make a zone key for " + zone, e);
        }
    }

    /** The DS record of this key, as a parent zone (or a validator's trust anchor) holds it. */
    public DSRecord ds() {
        return new DSRecord(zone, DClass.IN, 300, DNSSEC.Digest.SHA256, dnskey);
    }

    /** The DS record in zone-file form, as trust-anchor settings take it. */
    public String trustAnchor() {
        return ds().toString();
    }
}
