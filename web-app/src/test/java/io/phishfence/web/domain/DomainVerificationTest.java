package io.phishfence.web.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.events.DomainChecked;
import io.phishfence.events.DomainChecked.Component;
import io.phishfence.events.DomainChecked.Finding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainVerificationTest {

    private static DomainChecked check(Component... components) {
        return DomainChecked.of("t", "example.com", Instant.now(), 1, "schedule", List.of(components), List.of());
    }

    @Test
    void verifiedWhenTheTlsRptRecordNamesOurAddress() {
        assertTrue(DomainVerification.isVerified(check(new Component("tls-rpt", "ok", List.of()))));
        assertTrue(DomainVerification.isVerified(check(new Component("tls-rpt", "warning",
                List.of(new Finding("TLSRPT_RUA_REPEATED", "warning", "twice", null))))));
    }

    @Test
    void notVerifiedWithoutACheckARecordOrOurAddress() {
        assertFalse(DomainVerification.isVerified(null));
        assertFalse(DomainVerification.isVerified(check(new Component("mta-sts", "ok", List.of()))));
        assertFalse(DomainVerification.isVerified(check(new Component("tls-rpt", "missing", List.of()))));
        assertFalse(DomainVerification.isVerified(check(new Component("tls-rpt", "warning",
                List.of(new Finding("TLSRPT_RUA_NOT_PHISHFENCE", "warning", "elsewhere", "v=TLSRPTv1; rua=..."))))));
        assertFalse(DomainVerification.isVerified(check(new Component("tls-rpt", "warning",
                List.of(new Finding("TLSRPT_DNS_FAILED", "warning", "timeout", null))))));
    }
}
