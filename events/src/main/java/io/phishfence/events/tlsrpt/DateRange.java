package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The period a report covers (RFC 8460 4.4: UTC, normally one day). */
public record DateRange(
        @JsonProperty("start-datetime") Instant start,
        @JsonProperty("end-datetime") Instant end) {
}
