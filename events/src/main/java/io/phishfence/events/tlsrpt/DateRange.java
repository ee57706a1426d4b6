package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * The period a report covers (RFC 8460 4.4: UTC, normally one day).
 *
 * @param unknownFields fields the parser did not know, as sent (added in v1, optional)
 */
public record DateRange(
        @JsonProperty("start-datetime") Instant start,
        @JsonProperty("end-datetime") Instant end,
        @JsonProperty(UnknownFields.JSON_NAME) @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, JsonNode> unknownFields) {

    public DateRange {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    public DateRange(Instant start, Instant end) {
        this(start, end, null);
    }
}
