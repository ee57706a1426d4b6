package io.phishfence.monitor.mtasts;

import java.util.Locale;

/** MX host patterns of MTA-STS policies (RFC 8461 4.1). */
public final class MxPatterns {

    private MxPatterns() {
    }

    /**
     * RFC 8461 4.1: a pattern is a host name, or {@code *.} followed by one; the wildcard stands for exactly
     * one label, the left-most: {@code *.example.com} covers {@code mx.example.com} but neither
     * {@code example.com} nor {@code a.mx.example.com}. Comparison ignores case and a trailing dot.
     */
    public static boolean matches(String pattern, String host) {
        String p = normalize(pattern);
        String h = normalize(host);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
    }

    /** Whether {@code pattern} is a host name or a {@code *.}-prefixed one. */
    public static boolean isValid(String pattern) {
        String p = normalize(pattern);
        String name = p.startsWith("*.") ? p.substring(2) : p;
        return !name.isEmpty() && name.contains(".") && !name.contains("*")
                && name.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    }

    private static String normalize(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
