package io.phishfence.events;

import io.phishfence.events.tlsrpt.TlsReport;
import java.time.Instant;
import java.util.Objects;

/**
 * A TLS report was received and validated. Key: {@code tenantId/policyDomain} on
 * {@link Topics#TLSRPT_REPORTS}. Carries the raw bytes as received, so the original can always be
 * downloaded again.
 *
 * @param policyDomain the A-label of the first policy domain of the report, or null when the report
 *        names none (a no-policy-found result without policy-domain)
 * @param channel {@link #CHANNEL_HTTPS} or {@link #CHANNEL_SMTP}
 * @param rawContentType the media type the report arrived as
 * @param raw the report bytes exactly as received (gzip stays gzip); base64 in JSON
 * @param email how the report arrived by e-mail, null for HTTPS (added in v1, optional)
 */
public record TlsReportReceived(
        int v,
        String tenantId,
        String policyDomain,
        String channel,
        Instant receivedAt,
        TlsReport report,
        String rawContentType,
        byte[] raw,
        EmailDelivery email) implements Event {

    public static final String TYPE = "tlsrpt.received";
    public static final String CHANNEL_HTTPS = "https";
    public static final String CHANNEL_SMTP = "smtp";

    public TlsReportReceived {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(raw, "raw");
    }

    public static TlsReportReceived of(String tenantId, String policyDomain, String channel, Instant receivedAt,
            TlsReport report, String rawContentType, byte[] raw) {
        return new TlsReportReceived(1, tenantId, policyDomain, channel, receivedAt, report, rawContentType, raw, null);
    }

    public static TlsReportReceived byEmail(String tenantId, String policyDomain, Instant receivedAt, TlsReport report,
            String rawContentType, byte[] raw, EmailDelivery email) {
        return new TlsReportReceived(1, tenantId, policyDomain, CHANNEL_SMTP, receivedAt, report, rawContentType, raw,
                Objects.requireNonNull(email, "email"));
    }

    public String key() {
        return Topics.domainKey(tenantId, policyDomain == null ? "" : policyDomain);
    }

    @Override
    public String toString() {
        return "TlsReportReceived[tenantId=" + tenantId + ", policyDomain=" + policyDomain + ", channel=" + channel
                + ", reportId=" + report.reportId() + ", rawBytes=" + raw.length + "]";
    }
}
