package io.phishfence.web.account;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses as accounts use them. */
public final class Emails {

    /** Deliberately loose: one @, something on each side, a dot in the domain. Verification proves the rest. */
    private static final Pattern PLAUSIBLE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private Emails() {
    }

    public static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isPlausible(String email) {
        return email.length() <= 254 && PLAUSIBLE.matcher(email).matches();
    }
}
