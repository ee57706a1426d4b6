package io.phishfence.ingest.report;

import io.phishfence.events.EmailDelivery;
import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.ingest.IngestConfig;
import io.phishfence.ingest.kafka.ReportPublisher;
import io.phishfence.ingest.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one path every report takes, whatever channel brought it: decode (bounded gunzip), parse and
 * validate, check that each policy domain belongs to the tenant, publish. HTTPS and SMTP are thin adapters
 * that turn an {@link IntakeResult} into their own status codes.
 */
@ApplicationScoped
public class ReportIntake {

    private final TenantDirectory tenants;
    private final ReportPublisher publisher;
    private final IngestConfig config;
    private final IntakeMeters meters;
    private final Clock clock = Clock.systemUTC();

    ReportIntake(TenantDirectory tenants, ReportPublisher publisher, IngestConfig config, IntakeMeters meters) {
        this.tenants = tenants;
        this.publisher = publisher;
        this.config = config;
        this.meters = meters;
    }

    /**
     * @param body the report bytes as received (gzip or JSON)
     * @param email how it arrived by e-mail, or null for HTTPS
     */
    public IntakeResult accept(String tenantId, byte[] body, String mediaType, EmailDelivery email) {
        boolean byEmail = email != null;
        meters.received(byEmail, body.length);
        IntakeResult result = decide(tenantId, body, mediaType, email);
        if (result instanceof IntakeResult.Publishing publishing) {
            // Counted before the channel answers the sender, so that a counter never lags an answer.
            return new IntakeResult.Publishing(publishing.report(), publishing.acknowledged().whenComplete(
                    (ok, error) -> meters.outcome(byEmail, error == null
                            ? IntakeMeters.Outcome.ACCEPTED
                            : IntakeMeters.Outcome.KAFKA_UNAVAILABLE)));
        }
        meters.outcome(byEmail, refusal(result));
        return result;
    }

    private static IntakeMeters.Outcome refusal(IntakeResult result) {
        if (result instanceof IntakeResult.Invalid) {
            return IntakeMeters.Outcome.INVALID;
        }
        if (result instanceof IntakeResult.TooLarge) {
            return IntakeMeters.Outcome.TOO_LARGE;
        }
        return IntakeMeters.Outcome.FOREIGN_DOMAIN;
    }

    private IntakeResult decide(String tenantId, byte[] body, String mediaType, EmailDelivery email) {
        if (body.length > config.maxCompressedBytes()) {
            return new IntakeResult.TooLarge("the report exceeds " + config.maxCompressedBytes() + " bytes");
        }
        TlsReport report;
        try {
            report = TlsReportParser.parse(ReportDecoder.decode(body, config.maxDecompressedBytes()));
        } catch (ReportTooLargeException e) {
            return new IntakeResult.TooLarge(e.getMessage());
        } catch (InvalidReportException e) {
            return new IntakeResult.Invalid(e.getMessage(), e.violations());
        }

        Set<String> domains = policyDomains(report);
        List<String> foreign = domains.stream().filter(d -> !tenants.watches(tenantId, d)).sorted().toList();
        if (!foreign.isEmpty()) {
            return new IntakeResult.ForeignDomain(foreign);
        }
        String policyDomain = domains.isEmpty() ? attributedByHeader(tenantId, email) : domains.iterator().next();
        var event = email == null
                ? TlsReportReceived.of(tenantId, policyDomain, TlsReportReceived.CHANNEL_HTTPS, clock.instant(), report,
                        mediaType, body)
                : TlsReportReceived.byEmail(tenantId, policyDomain, clock.instant(), report, mediaType, body, email);
        return new IntakeResult.Publishing(report, publisher.publish(event));
    }

    /**
     * A report whose policies name no domain (a no-policy-found result from some senders) is attributed
     * to the domain in its TLS-Report-Domain header when the tenant watches it, else kept unattributed for
     * the tenant: never dropped.
     */
    private String attributedByHeader(String tenantId, EmailDelivery email) {
        if (email == null || email.reportDomain() == null) {
            return null;
        }
        String domain = email.reportDomain().trim().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        try {
            domain = java.net.IDN.toASCII(domain, java.net.IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException notADomain) {
            return null;
        }
        return tenants.watches(tenantId, domain) ? domain : null;
    }

    private static Set<String> policyDomains(TlsReport report) {
        var domains = new LinkedHashSet<String>();
        for (PolicyResult result : report.policies()) {
            if (result.policy() != null && result.policy().policyDomain() != null) {
                domains.add(result.policy().policyDomain());
            }
        }
        return domains;
    }
}
