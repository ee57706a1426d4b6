package io.phishfence.monitor.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code tag=value; tag=value} list as DKIM (RFC 6376 3.2), DMARC and BIMI records write them. Pure. Tag
 * names are case-insensitive here and kept in lower case; values are trimmed. A tag that appears twice makes
 * the list invalid (RFC 6376 3.2: "Tags with duplicate names MUST NOT occur").
 *
 * @param tags every tag in the order written
 * @param duplicate the first tag name written twice, if any
 */
public record TagList(Map<String, String> tags, Optional<String> duplicate) {

    public TagList {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public static TagList parse(String record) {
        var tags = new LinkedHashMap<String, String>();
        String duplicate = null;
        for (String part : record.split(";")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (tags.putIfAbsent(name, part.substring(equals + 1).strip()) != null && duplicate == null) {
                duplicate = name;
            }
        }
        return new TagList(tags, Optional.ofNullable(duplicate));
    }

    public Optional<String> get(String tag) {
        return Optional.ofNullable(tags.get(tag));
    }

    /** The name of the first tag, which DKIM and BIMI require to be {@code v}. */
    public Optional<String> first() {
        return tags.keySet().stream().findFirst();
    }
}
