package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a report object that the parser did not know (RFC 8460 allows senders to add their own), kept
 * as sent, in their order, so that nothing a sender reported is lost from the normalized report. Serialized as
 * the object's {@code unknown-fields} member, and left out when empty (as it nearly always is).
 */
final class UnknownFields {

    static final String JSON_NAME = "unknown-fields";

    private UnknownFields() {
    }

    /** An unmodifiable copy; the shared empty map when there are none, as is the common case. */
    static Map<String, JsonNode> copyOf(Map<String, JsonNode> fields) {
        return fields == null || fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
