package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The sessions of one applied policy (one element of {@code policies}).
 *
 * @param unknownFields fields the parser did not know, as sent (added in v1, optional)
 */
public record PolicyResult(
        @JsonProperty("policy") Policy policy,
        @JsonProperty("summary") Summary summary,
        @JsonProperty("failure-details") List<FailureDetail> failureDetails,
        @JsonProperty(UnknownFields.JSON_NAME) @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, JsonNode> unknownFields) {

    public PolicyResult {
        failureDetails = failureDetails == null ? List.of() : List.copyOf(failureDetails);
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    public PolicyResult(Policy policy, Summary summary, List<FailureDetail> failureDetails) {
        this(policy, summary, failureDetails, null);
    }
}
