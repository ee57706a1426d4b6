package io.phishfence.events.tlsrpt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The policy a sender applied (RFC 8460 4.3).
 *
 * @param policyType {@code sts}, {@code tlsa} or {@code no-policy-found}; other values are kept as sent
 * @param policyDomain the A-label, or null when the sender named none (seen with no-policy-found)
 * @param unknownFields fields the parser did not know, as sent (added in v1, optional)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Policy(
        @JsonProperty("policy-type") String policyType,
        @JsonProperty("policy-string") List<String> policyStrings,
        @JsonProperty("policy-domain") String policyDomain,
        @JsonProperty("mx-host") List<String> mxHosts,
        @JsonProperty(UnknownFields.JSON_NAME) @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, JsonNode> unknownFields) {

    public Policy {
        policyStrings = policyStrings == null ? List.of() : List.copyOf(policyStrings);
        mxHosts = mxHosts == null ? List.of() : List.copyOf(mxHosts);
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    public Policy(String policyType, List<String> policyStrings, String policyDomain, List<String> mxHosts) {
        this(policyType, policyStrings, policyDomain, mxHosts, null);
    }
}
