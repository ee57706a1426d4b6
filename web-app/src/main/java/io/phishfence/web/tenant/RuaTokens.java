package io.phishfence.web.tenant;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Rua tokens: 160 random bits (above the 128 the architecture asks for), in lower-case base32 so
 * that they fit both a URL path and the local part of an e-mail address.
 */
public final class RuaTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int BYTES = 20;

    private RuaTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        var token = new StringBuilder(BYTES * 8 / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                token.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return token.toString().toLowerCase(Locale.ROOT);
    }
}
