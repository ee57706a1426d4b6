package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Session counts of one policy (RFC 8460 4.3). */
public record Summary(
        @JsonProperty("total-successful-session-count") long totalSuccessfulSessionCount,
        @JsonProperty("total-failure-session-count") long totalFailureSessionCount) {
}
