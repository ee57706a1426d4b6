package io.phishfence.web.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the few secrets web-app must read back (a tenant's webhook URL carries a token), so that a database dump
 * or backup alone reveals none of them (ADR 0018). AES-256-GCM under a key held outside the database
 * ({@code phishfence.web.secrets.key}), with the row's context (table, column, tenant) as associated data: a sealed
 * value copied into another tenant's row does not open there.
 *
 * <p>A sealed value reads {@code pf1:<key id>:<base64url(nonce | ciphertext | tag)>}; the key id (a hash of the key,
 * not the key) names which configured key opens it, so a key rotation only adds the old key to
 * {@code previous-keys} until every value has been sealed again. Values without the prefix are from before
 * encryption (or from a deployment without a key) and are read as they are.
 */
public final class SecretBox {

    static final String PREFIX = "pf1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A value that cannot be opened with the configured keys: a configuration fault, never the tenant's. */
    public static final class UnreadableSecret extends RuntimeException {
        UnreadableSecret(String message) {
            super(message);
        }
    }

    private final Optional<Key> current;
    private final Map<String, Key> byId;

    private record Key(String id, SecretKey key) {
    }

    private SecretBox(Optional<Key> current, Map<String, Key> byId) {
        this.current = current;
        this.byId = byId;
    }

    /**
     * @param key the current key, Base64 of 32 random bytes ({@code head -c 32 /dev/urandom | base64}); empty to
     *        store secrets as they are
     * @param previousKeys keys that still open values sealed before a rotation
     * @throws IllegalArgumentException when a key is not Base64 of 32 bytes
     */
    public static SecretBox of(Optional<String> key, List<String> previousKeys) {
        var keys = new LinkedHashMap<String, Key>();
        Optional<Key> current = key.filter(k -> !k.isBlank()).map(SecretBox::decode);
        current.ifPresent(k -> keys.put(k.id(), k));
        for (String previous : previousKeys) {
            if (!previous.isBlank()) {
                var decoded = decode(previous);
                keys.putIfAbsent(decoded.id(), decoded);
            }
        }
        if (current.isEmpty() && !keys.isEmpty()) {
            throw new IllegalArgumentException("phishfence.web.secrets.previous-keys is set without "
                    + "phishfence.web.secrets.key");
        }
        return new SecretBox(current, Map.copyOf(keys));
    }

    /** Whether new values are encrypted; without a key they are stored as they are. */
    public boolean sealing() {
        return current.isPresent();
    }

    /** Whether {@code stored} is already sealed with the current key (nothing to do on a re-seal pass). */
    public boolean sealedWithCurrentKey(String stored) {
        return current.isPresent() && stored.startsWith(PREFIX + current.get().id() + ":");
    }

    /**
     * @param context what the value is and whose, e.g. {@code alert_webhook.url/<tenant id>}: it must be given
     *        again, the same, to open the value
     */
    public String seal(String plaintext, String context) {
        if (current.isEmpty()) {
            return plaintext;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, current.get().key(), nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + current.get().id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @return the plaintext of a value {@link #seal sealed} with {@code context}, or {@code stored} itself when it
     *         was stored unencrypted
     * @throws UnreadableSecret when no configured key opens it, or it was altered or moved to another context
     */
    public String open(String stored, String context) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new UnreadableSecret("a sealed value without its key id");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        Key key = byId.get(keyId);
        if (key == null) {
            throw new UnreadableSecret("sealed with key " + keyId + ", which is neither phishfence.web.secrets.key "
                    + "nor one of phishfence.web.secrets.previous-keys");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(stored.substring(colon + 1));
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new UnreadableSecret("a sealed value too short to be one");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key.key(), java.util.Arrays.copyOf(in, NONCE_BYTES), context);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // GCM's tag check: the value was altered, or belongs to another row.
            throw new UnreadableSecret("a sealed value that does not open with key " + keyId + " for its row");
        }
    }

    /** The ids of the keys that open values, current first (for the start-up log; ids are not secrets). */
    public List<String> keyIds() {
        return new ArrayList<>(byId.keySet());
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static Key decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a phishfence.web.secrets key is not Base64 "
                    + "(make one with: head -c 32 /dev/urandom | base64)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("a phishfence.web.secrets key must be 32 bytes, not " + bytes.length
                    + " (make one with: head -c 32 /dev/urandom | base64)");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Key(HexFormat.of().formatHex(digest, 0, 4), new SecretKeySpec(bytes, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
