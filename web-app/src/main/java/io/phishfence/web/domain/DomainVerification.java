package io.phishfence.web.domain;

import io.phishfence.events.DomainChecked;
import java.util.Set;

/**
 * Whether a domain is verified: its TLS-RPT record names this tenant's rua address. Only whoever controls
 * the domain's DNS can publish that, so no extra verification record is needed. Read from the latest check.
 */
public final class DomainVerification {

    static final String TLS_RPT = "tls-rpt";
    private static final Set<String> VALID_RECORD = Set.of("ok", "warning");
    /**
     * monitor-service's findings that leave a record's rua unproven: it names someone else, or the look-up
     * failed (a warning, not an answer).
     */
    private static final Set<String> UNPROVEN = Set.of("TLSRPT_RUA_NOT_PHISHFENCE", "TLSRPT_DNS_FAILED");

    private DomainVerification() {
    }

    /** @param latest the domain's latest check, or null when it was never checked */
    public static boolean isVerified(DomainChecked latest) {
        if (latest == null) {
            return false;
        }
        return latest.components().stream()
                .filter(c -> c.name().equals(TLS_RPT))
                .anyMatch(c -> VALID_RECORD.contains(c.status())
                        && c.findings().stream().noneMatch(f -> UNPROVEN.contains(f.code())));
    }
}
