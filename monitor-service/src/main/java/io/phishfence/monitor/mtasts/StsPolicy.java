package io.phishfence.monitor.mtasts;

import java.time.Duration;
import java.util.List;

/**
 * An MTA-STS policy file (RFC 8461 3.2), served at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}.
 *
 * @param mx the MX patterns, in the order published ({@code mx1.example.com}, {@code *.example.net})
 */
public record StsPolicy(Mode mode, Duration maxAge, List<String> mx) {

    public StsPolicy {
        mx = List.copyOf(mx);
    }

    /** What senders do when no MX of the domain matches the policy, or TLS fails. */
    public enum Mode {
        /** Refuse to deliver. */
        ENFORCE,
        /** Deliver anyway, and report the failure (TLS-RPT). */
        TESTING,
        /** No policy: the domain is leaving MTA-STS. */
        NONE
    }

    /** Whether {@code host} is covered by one of the policy's mx patterns (RFC 8461 4.1). */
    public boolean covers(String host) {
        return mx.stream().anyMatch(pattern -> MxPatterns.matches(pattern, host));
    }
}
