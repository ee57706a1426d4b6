package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One kind of failure seen by a sender (RFC 8460 4.3 and 4.4). Every field but the result type and
 * count is optional; real senders leave out the IPs and host names.
 *
 * @param resultType a result type of RFC 8460 4.4, or one a sender made up (kept as sent)
 * @param unknownFields fields the parser did not know, as sent (added in v1, optional)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailureDetail(
        @JsonProperty("result-type") String resultType,
        @JsonProperty("sending-mta-ip") String sendingMtaIp,
        @JsonProperty("receiving-mx-hostname") String receivingMxHostname,
        @JsonProperty("receiving-mx-helo") String receivingMxHelo,
        @JsonProperty("receiving-ip") String receivingIp,
        @JsonProperty("failed-session-count") long failedSessionCount,
        @JsonProperty("additional-information") String additionalInformation,
        @JsonProperty("failure-reason-code") String failureReasonCode,
        @JsonProperty(UnknownFields.JSON_NAME) @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, JsonNode> unknownFields) {

    public FailureDetail {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    public FailureDetail(String resultType, String sendingMtaIp, String receivingMxHostname, String receivingMxHelo,
            String receivingIp, long failedSessionCount, String additionalInformation, String failureReasonCode) {
        this(resultType, sendingMtaIp, receivingMxHostname, receivingMxHelo, receivingIp, failedSessionCount,
                additionalInformation, failureReasonCode, null);
    }
}
