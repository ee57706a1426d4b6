package io.phishfence.ingest.http;

import io.phishfence.ingest.IngestConfig;
import io.phishfence.ingest.report.IntakeMeters;
import io.phishfence.ingest.report.IntakeResult;
import io.phishfence.ingest.report.ReportDecoder;
import io.phishfence.ingest.report.ReportIntake;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The HTTPS rua endpoint of RFC 8460 section 5.4: {@code POST /tlsrpt/{token}}. Answers 201 only once
 * Kafka holds the report; 503 with Retry-After when it cannot, so that the sender tries again.
 */
@Path("/tlsrpt/{token}")
public class TlsRptResource {

    private static final Logger LOG = Logger.getLogger(TlsRptResource.class);

    /** JSON bodies up to this size are handled on the event loop (see {@link #receive}). */
    static final int INLINE_LIMIT = 16 * 1024;
    /**
     * Gzip bodies up to this size are handled on the event loop: at deflate's 1:1032 at most, they inflate to
     * 4 MB in the worst case, a few milliseconds; larger ones could be a bomb and go to a worker.
     */
    static final int INLINE_GZIP_LIMIT = 4 * 1024;

    /** RFC 8460 5.4 types, and the generic ones some senders use. */
    private static final Set<String> ACCEPTED_TYPES = Set.of(
            "application/tlsrpt+json", "application/tlsrpt+gzip", "application/json", "application/gzip");

    private final TenantDirectory tenants;
    private final ReportIntake intake;
    private final IngestConfig config;
    private final IntakeMeters meters;

    TlsRptResource(TenantDirectory tenants, ReportIntake intake, IngestConfig config, IntakeMeters meters) {
        this.tenants = tenants;
        this.intake = intake;
        this.config = config;
        this.meters = meters;
    }

    /**
     * Runs on the event loop: a typical report (a few KB) costs less to handle in place than to hand to a
     * worker thread, and the answer waits for Kafka's ack without holding any thread. Larger bodies are decoded
     * and parsed on a worker thread, so that neither a 10 MB report nor a gzip bomb stalls the loop.
     */
    @POST
    @NonBlocking
    public CompletionStage<Response> receive(@PathParam("token") String token,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        if (body != null && body.length > (ReportDecoder.isGzip(body) ? INLINE_GZIP_LIMIT : INLINE_LIMIT)) {
            return CompletableFuture.supplyAsync(() -> handle(token, contentType, body),
                    Infrastructure.getDefaultWorkerPool()).thenCompose(response -> response);
        }
        return handle(token, contentType, body);
    }

    private CompletionStage<Response> handle(String token, String contentType, byte[] body) {
        String mediaType = baseType(contentType);
        if (!ACCEPTED_TYPES.contains(mediaType)) {
            return done(Problem.response(Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode(), "Unsupported media type",
                    "send the report as application/tlsrpt+json or application/tlsrpt+gzip (RFC 8460 5.4)"));
        }
        var tenant = tenants.tenantOf(token);
        if (tenant.isEmpty()) {
            meters.unknownAddress(false);
            return done(Problem.response(Status.NOT_FOUND.getStatusCode(), "Unknown reporting address",
                    "no PhishFence tenant has this rua address"));
        }
        if (body == null || body.length == 0) {
            return done(Problem.response(Status.BAD_REQUEST.getStatusCode(), "Invalid report", "the request body is empty"));
        }
        IntakeResult result = intake.accept(tenant.get(), body, mediaType, null);
        if (result instanceof IntakeResult.Invalid invalid) {
            return done(Problem.response(Status.BAD_REQUEST.getStatusCode(), "Invalid report", invalid.detail(),
                    invalid.violations()));
        }
        if (result instanceof IntakeResult.TooLarge tooLarge) {
            return done(Problem.response(Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(), "Report too large",
                    tooLarge.detail()));
        }
        if (result instanceof IntakeResult.ForeignDomain foreign) {
            return done(Problem.response(Problem.UNPROCESSABLE_CONTENT, "Domain not monitored",
                    "this address takes reports only for the domains its owner added; not for " + foreign.domains()));
        }
        var publishing = (IntakeResult.Publishing) result;
        return publishing.acknowledged()
                .thenApply(ok -> Response.status(Status.CREATED).build())
                .exceptionally(error -> {
                    LOG.warnf("Kafka did not take report %s of tenant %s: %s", publishing.report().reportId(),
                            tenant.get(), error.getMessage());
                    return Response.fromResponse(Problem.response(Status.SERVICE_UNAVAILABLE.getStatusCode(),
                                    "Temporarily unable to accept reports", "try again later"))
                            .header(HttpHeaders.RETRY_AFTER, config.retryAfterSeconds())
                            .build();
                });
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
