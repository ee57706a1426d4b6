package io.phishfence.monitor.dkim;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import io.phishfence.monitor.check.Severity;
import io.phishfence.monitor.check.TagList;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Reads the TXT records at {@code <selector>._domainkey.<domain>} (RFC 6376 3.6.1, RFC 8463). Pure: strings in,
 * a key or findings out. RSA keys are measured, because receivers ignore keys under 1024 bits (RFC 8301 3.2).
 */
public final class DkimKeyParser {

    static final int RSA_MINIMUM_BITS = 1024;
    static final int RSA_RECOMMENDED_BITS = 2048;
    private static final int ED25519_KEY_BYTES = 32;

    private DkimKeyParser() {
    }

    /** @param name {@code <selector>._domainkey.<domain>}, for the sentences */
    public static Parsed<DkimKey> parse(String name, List<String> txtRecords) {
        if (txtRecords.isEmpty()) {
            return invalid("DKIM_KEY_MISSING", "There is no DKIM key at " + name + ": receivers cannot verify mail "
                    + "signed with this selector, so it counts as unsigned. Publish the public key your mail "
                    + "provider gives you there.");
        }
        if (txtRecords.size() > 1) {
            return invalid("DKIM_MULTIPLE_RECORDS", "There are " + txtRecords.size() + " TXT records at " + name
                    + "; receivers may pick any of them (RFC 6376 3.6.2.2). Keep only the key.");
        }
        String record = txtRecords.get(0).strip();
        TagList tags = TagList.parse(record);
        if (tags.duplicate().isPresent()) {
            return recordInvalid(name, "the tag " + tags.duplicate().get() + "= appears twice");
        }
        if (tags.get("v").isPresent() && (!tags.first().orElseThrow().equals("v") || !tags.get("v").get().equals("DKIM1"))) {
            return recordInvalid(name, "v= must come first and be exactly DKIM1");
        }
        String keyType = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
        if (!keyType.equals("rsa") && !keyType.equals("ed25519")) {
            return invalid("DKIM_KEY_TYPE_UNKNOWN", "The key at " + name + " is of type k=" + keyType
                    + "; receivers know only rsa and ed25519, so they cannot verify the signatures.");
        }
        if (tags.get("p").isEmpty()) {
            return recordInvalid(name, "it has no p= tag with the public key");
        }
        boolean testing = Arrays.stream(tags.get("t").orElse("").split(":")).map(String::strip).anyMatch("y"::equals);
        var findings = new ArrayList<Finding>();
        if (testing) {
            findings.add(new Finding("DKIM_TESTING", Severity.INFO, "The key at " + name
                    + " is marked as in testing (t=y): receivers treat failed signatures like unsigned mail. Remove "
                    + "the flag once signing works.", withoutTestingFlag(tags)));
        }
        String key = tags.get("p").get().replaceAll("\\s", "");
        if (key.isEmpty()) {
            findings.add(Finding.warning("DKIM_KEY_REVOKED", "The key at " + name + " is revoked (empty p=): mail "
                    + "signed with this selector fails DKIM. If the selector is retired, remove it from this domain's "
                    + "list; if not, publish its key.", null));
            return new Parsed.Valid<>(new DkimKey(keyType, 0, true, testing), findings);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            return recordInvalid(name, "its p= is not base64");
        }
        if (keyType.equals("ed25519")) {
            if (der.length != ED25519_KEY_BYTES) {
                return recordInvalid(name, "its p= holds " + der.length + " bytes, an Ed25519 key has 32 (RFC 8463)");
            }
            return new Parsed.Valid<>(new DkimKey(keyType, 256, false, testing), findings);
        }
        OptionalInt bits = rsaBits(der);
        if (bits.isEmpty()) {
            return recordInvalid(name, "its p= is not an RSA public key");
        }
        if (bits.getAsInt() < RSA_MINIMUM_BITS) {
            findings.add(Finding.error("DKIM_KEY_TOO_SHORT", "The RSA key at " + name + " has " + bits.getAsInt()
                    + " bits; receivers ignore keys under 1024 bits (RFC 8301), so the mail counts as unsigned. "
                    + "Generate a 2048-bit key and publish it under a new selector.", null));
        } else if (bits.getAsInt() < RSA_RECOMMENDED_BITS) {
            findings.add(Finding.warning("DKIM_KEY_WEAK", "The RSA key at " + name + " has " + bits.getAsInt()
                    + " bits; 2048 bits is the recommended size today. Rotate to a 2048-bit key under a new selector.",
                    null));
        }
        return new Parsed.Valid<>(new DkimKey(keyType, bits.getAsInt(), false, testing), findings);
    }

    /**
     * The modulus length of an RSA key given as SubjectPublicKeyInfo (what {@code openssl rsa -pubout} writes and
     * most providers publish) or as a bare PKCS#1 RSAPublicKey (RFC 6376 3.6.1's wording, which some publish).
     */
    static OptionalInt rsaBits(byte[] der) {
        for (byte[] candidate : List.of(der, subjectPublicKeyInfo(der))) {
            try {
                var rsa = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(candidate));
                return OptionalInt.of(rsa.getModulus().bitLength());
            } catch (GeneralSecurityException | ClassCastException e) {
                // not this encoding; try the next one
            }
        }
        return OptionalInt.empty();
    }

    /** Wraps a PKCS#1 RSAPublicKey in a SubjectPublicKeyInfo with the rsaEncryption algorithm. */
    private static byte[] subjectPublicKeyInfo(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        var bitString = new ByteArrayOutputStream();
        bitString.write(0);
        bitString.writeBytes(pkcs1);
        var body = new ByteArrayOutputStream();
        body.writeBytes(algorithm);
        body.writeBytes(derElement(0x03, bitString.toByteArray()));
        return derElement(0x30, body.toByteArray());
    }

    private static byte[] derElement(int tag, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = java.math.BigInteger.valueOf(length).toByteArray();
            int start = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - start));
            out.write(bytes, start, bytes.length - start);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The same record with the {@code y} flag taken out of {@code t=} (and {@code t=} dropped if it was alone). */
    private static String withoutTestingFlag(TagList tags) {
        return tags.tags().entrySet().stream().map(tag -> {
            if (!tag.getKey().equals("t")) {
                return Map.entry(tag.getKey(), tag.getValue());
            }
            String flags = Arrays.stream(tag.getValue().split(":")).map(String::strip).filter(f -> !f.equals("y"))
                    .collect(Collectors.joining(":"));
            return flags.isEmpty() ? null : Map.entry("t", flags);
        }).filter(java.util.Objects::nonNull).map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining("; "));
    }

    private static Parsed<DkimKey> recordInvalid(String name, String why) {
        return invalid("DKIM_RECORD_INVALID", "The DKIM record at " + name + " is broken: " + why + ". Receivers "
                + "cannot verify mail signed with this selector.");
    }

    private static Parsed<DkimKey> invalid(String code, String message) {
        return new Parsed.Invalid<>(List.of(Finding.error(code, message, null)));
    }
}
