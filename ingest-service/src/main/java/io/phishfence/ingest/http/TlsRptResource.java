package io.phishfence.ingest.http;

import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.tlsrpt.PolicyResult;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.ingest.IngestConfig;
import io.phishfence.ingest.kafka.ReportPublisher;
import io.phishfence.ingest.report.InvalidReportException;
import io.phishfence.ingest.report.ReportDecoder;
import io.phishfence.ingest.report.ReportTooLargeException;
import io.phishfence.ingest.report.TlsReportParser;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The HTTPS rua endpoint of RFC 8460 section 5.4: {@code POST /tlsrpt/{token}}. Answers 201 only once
 * Kafka holds the report; 503 with Retry-After when it cannot, so that the sender tries again.
 */
@Path("/tlsrpt/{token}")
public class TlsRptResource {

    private static final Logger LOG = Logger.getLogger(TlsRptResource.class);

    /** RFC 8460 5.4 types, and the generic ones some senders use. */
    private static final Set<String> ACCEPTED_TYPES = Set.of(
            "application/tlsrpt+json", "application/tlsrpt+gzip", "application/json", "application/gzip");

    private final TenantDirectory tenants;
    private final ReportPublisher publisher;
    private final IngestConfig config;
    private final Clock clock = Clock.systemUTC();

    TlsRptResource(TenantDirectory tenants, ReportPublisher publisher, IngestConfig config) {
        this.tenants = tenants;
        this.publisher = publisher;
        this.config = config;
    }

    @POST
    @Blocking
    public CompletionStage<Response> receive(@PathParam("token") String token,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        String mediaType = baseType(contentType);
        if (!ACCEPTED_TYPES.contains(mediaType)) {
            return done(Problem.response(Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode(), "Unsupported media type",
                    "send the report as application/tlsrpt+json or application/tlsrpt+gzip (RFC 8460 5.4)"));
        }
        var tenant = tenants.tenantOf(token);
        if (tenant.isEmpty()) {
            return done(Problem.response(Status.NOT_FOUND.getStatusCode(), "Unknown reporting address",
                    "no PhishFence tenant has this rua address"));
        }
        if (body == null || body.length == 0) {
            return done(Problem.response(Status.BAD_REQUEST.getStatusCode(), "Invalid report", "the request body is empty"));
        }
        if (body.length > config.maxCompressedBytes()) {
            return done(Problem.response(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(), "Report too large",
                    "the report exceeds " + config.maxCompressedBytes() + " bytes"));
        }
        TlsReport report;
        try {
            report = TlsReportParser.parse(ReportDecoder.decode(body, config.maxDecompressedBytes()));
        } catch (ReportTooLargeException e) {
            return done(Problem.response(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(), "Report too large", e.getMessage()));
        } catch (InvalidReportException e) {
            return done(Problem.response(Status.BAD_REQUEST.getStatusCode(), "Invalid report", e.getMessage(), e.violations()));
        }

        String tenantId = tenant.get();
        Set<String> foreign = policyDomains(report).stream()
                .filter(domain -> !tenants.watches(tenantId, domain))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!foreign.isEmpty()) {
            return done(Problem.response(Problem.UNPROCESSABLE_CONTENT, "Domain not monitored",
                    "this address takes reports only for the domains its owner added; not for " + foreign));
        }

        var event = TlsReportReceived.of(tenantId, policyDomains(report).stream().findFirst().orElse(null),
                TlsReportReceived.CHANNEL_HTTPS, Instant.now(clock), report, mediaType, body);
        return publisher.publish(event)
                .thenApply(ok -> Response.status(Status.CREATED).build())
                .exceptionally(error -> {
                    LOG.warnf("Kafka did not take report %s of tenant %s: %s", report.reportId(), tenantId,
                            error.getMessage());
                    return Response.fromResponse(Problem.response(Status.SERVICE_UNAVAILABLE.getStatusCode(),
                                    "Temporarily unable to accept reports", "try again later"))
                            .header(HttpHeaders.RETRY_AFTER, config.retryAfterSeconds())
                            .build();
                });
    }

    private static Set<String> policyDomains(TlsReport report) {
        return report.policies().stream()
                .map(PolicyResult::policy)
                .filter(Objects::nonNull)
                .map(p -> p.policyDomain())
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static CompletionStage<Response> done(Response response) {
        return java.util.concurrent.CompletableFuture.completedFuture(response);
    }
}
