package io.phishfence.web.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** DKIM selectors as tenants type them: separated by commas or spaces, each a DNS name (RFC 6376 3.1). */
public final class DkimSelectors {

    /** More than this many is a typing accident, not a mail setup. */
    static final int MAXIMUM = 20;
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");
    /** Keeps {@code <selector>._domainkey.<domain>} within DNS's 253 characters for ordinary domains. */
    private static final int MAXIMUM_LENGTH = 100;

    private DkimSelectors() {
    }

    /**
     * @return the selectors in lower case, in the order typed, each once (none for blank input), or empty when
     *         one of them is not a selector or there are too many
     */
    public static Optional<List<String>> parse(String input) {
        return parse(input, MAXIMUM);
    }

    /**
     * As {@link #parse(String)}, with at most {@code maximum} selectors: anonymous checks allow fewer, since each
     * selector is a DNS look-up that anyone can ask for.
     */
    public static Optional<List<String>> parse(String input, int maximum) {
        if (input == null || input.isBlank()) {
            return Optional.of(List.of());
        }
        var selectors = new LinkedHashSet<String>();
        for (String selector : input.strip().toLowerCase(Locale.ROOT).split("[\\s,]+")) {
            if (!isSelector(selector)) {
                return Optional.empty();
            }
            selectors.add(selector);
        }
        return selectors.size() > maximum ? Optional.empty() : Optional.of(List.copyOf(selectors));
    }

    private static boolean isSelector(String selector) {
        if (selector.length() > MAXIMUM_LENGTH) {
            return false;
        }
        for (String label : selector.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
