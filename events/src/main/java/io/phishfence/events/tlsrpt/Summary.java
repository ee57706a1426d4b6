package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Session counts of one policy (RFC 8460 4.3).
 *
 * @param unknownFields fields the parser did not know, as sent (added in v1, optional)
 */
public record Summary(
        @JsonProperty("total-successful-session-count") long totalSuccessfulSessionCount,
        @JsonProperty("total-failure-session-count") long totalFailureSessionCount,
        @JsonProperty(UnknownFields.JSON_NAME) @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, JsonNode> unknownFields) {

    public Summary {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    public Summary(long totalSuccessfulSessionCount, long totalFailureSessionCount) {
        this(totalSuccessfulSessionCount, totalFailureSessionCount, null);
    }
}
