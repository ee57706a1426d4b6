package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The sessions of one applied policy (one element of {@code policies}). */
public record PolicyResult(
        @JsonProperty("policy") Policy policy,
        @JsonProperty("summary") Summary summary,
        @JsonProperty("failure-details") List<FailureDetail> failureDetails) {

    public PolicyResult {
        failureDetails = failureDetails == null ? List.of() : List.copyOf(failureDetails);
    }
}
