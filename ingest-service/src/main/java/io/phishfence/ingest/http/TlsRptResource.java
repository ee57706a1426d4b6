package io.phishfence.ingest.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.phishfence.ingest.IngestConfig;
import io.phishfence.ingest.report.IntakeMeters;
import io.phishfence.ingest.report.IntakeResult;
import io.phishfence.ingest.report.ReportDecoder;
import io.phishfence.ingest.report.ReportIntake;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The HTTPS rua endpoint of RFC 8460 section 5.4: {@code POST /tlsrpt/{token}}. Answers 201 only once
 * Kafka holds the report; 503 with Retry-After when it cannot, so that the sender tries again.
 *
 * <p>A plain Vert.x route rather than a Jakarta REST resource: the body is read as bytes whatever its media type,
 * so the per-request look-up of a message body reader for {@code application/tlsrpt+gzip} (7.5% of the ingest's
 * CPU under load, docs/benchmarks.md) has nothing to look up. The route owns what REST did for it: reading the body
 * under the size limit, and writing problem+json answers.
 */
@ApplicationScoped
public class TlsRptResource {

    private static final Logger LOG = Logger.getLogger(TlsRptResource.class);

    /** JSON bodies up to this size are handled on the event loop (see {@link #handle}). */
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

    void route(@Observes Router router) {
        router.post("/tlsrpt/:token").handler(this::receive);
    }

    /**
     * Reads the body on the event loop, up to {@code max-compressed-bytes}. A declared Content-Length over the limit
     * never gets here (Quarkus answers 413 for every route, from {@code quarkus.http.limits.max-body-size}); a chunked
     * body is counted as it comes and answered 413 once it passes the limit.
     */
    private void receive(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        String token = routing.pathParam("token");
        String contentType = request.getHeader(HttpHeaderNames.CONTENT_TYPE);
        long limit = config.maxCompressedBytes();
        var body = new BodyCollector(request.getHeader(HttpHeaderNames.CONTENT_LENGTH), limit);
        request.handler(chunk -> {
            if (!body.add(chunk) && !routing.response().ended()) {
                tooLargeAndClose(routing, limit);
            }
        });
        request.endHandler(end -> {
            if (!body.overLimit()) {
                try {
                    handle(routing, token, contentType, body.bytes());
                } catch (RuntimeException e) {
                    // Outside the route's own call Vert.x would only log it: answer, never leave the sender waiting.
                    routing.fail(e);
                }
            }
        });
        if (HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(request.getHeader(HttpHeaderNames.EXPECT))) {
            routing.response().writeContinue();
        }
        request.resume();
    }

    /**
     * A typical report (a few KB) costs less to handle in place on the event loop than to hand to a worker thread,
     * and the answer waits for Kafka's ack without holding any thread. Larger bodies are decoded and parsed on a
     * worker thread, so that neither a 10 MB report nor a gzip bomb stalls the loop.
     */
    private void handle(RoutingContext routing, String token, String contentType, byte[] body) {
        if (body.length > (ReportDecoder.isGzip(body) ? INLINE_GZIP_LIMIT : INLINE_LIMIT)) {
            Context loop = Vertx.currentContext();
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    decide(routing, token, contentType, body);
                } catch (RuntimeException e) {
                    loop.runOnContext(ignored -> routing.fail(e));
                }
            });
        } else {
            decide(routing, token, contentType, body);
        }
    }

    private void decide(RoutingContext routing, String token, String contentType, byte[] body) {
        HttpServerResponse response = routing.response();
        String mediaType = baseType(contentType);
        if (!ACCEPTED_TYPES.contains(mediaType)) {
            problem(response, Problem.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE.code(), "Unsupported media type",
                    "send the report as application/tlsrpt+json or application/tlsrpt+gzip (RFC 8460 5.4)"));
            return;
        }
        var tenant = tenants.tenantOf(token);
        if (tenant.isEmpty()) {
            meters.unknownAddress(false);
            problem(response, Problem.of(HttpResponseStatus.NOT_FOUND.code(), "Unknown reporting address",
                    "no PhishFence tenant has this rua address"));
            return;
        }
        if (body.length == 0) {
            problem(response, Problem.of(HttpResponseStatus.BAD_REQUEST.code(), "Invalid report",
                    "the request body is empty"));
            return;
        }
        IntakeResult result = intake.accept(tenant.get(), body, mediaType, null);
        if (result instanceof IntakeResult.Publishing publishing) {
            publishing.acknowledged().whenComplete((ok, error) -> {
                if (error == null) {
                    response.setStatusCode(HttpResponseStatus.CREATED.code()).end();
                } else {
                    LOG.warnf("Kafka did not take report %s of tenant %s: %s", publishing.report().reportId(),
                            tenant.get(), error.getMessage());
                    response.putHeader(HttpHeaderNames.RETRY_AFTER, Integer.toString(config.retryAfterSeconds()));
                    problem(response, Problem.of(HttpResponseStatus.SERVICE_UNAVAILABLE.code(),
                            "Temporarily unable to accept reports", "try again later"));
                }
            });
        } else {
            problem(response, refusal(result));
        }
    }

    private static Problem refusal(IntakeResult result) {
        if (result instanceof IntakeResult.Invalid invalid) {
            return Problem.of(HttpResponseStatus.BAD_REQUEST.code(), "Invalid report", invalid.detail(),
                    invalid.violations());
        }
        if (result instanceof IntakeResult.TooLarge tooLarge) {
            return Problem.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(), "Report too large",
                    tooLarge.detail());
        }
        var foreign = (IntakeResult.ForeignDomain) result;
        return Problem.of(Problem.UNPROCESSABLE_CONTENT, "Domain not monitored",
                "this address takes reports only for the domains its owner added; not for " + foreign.domains());
    }

    /** As Quarkus answers a declared Content-Length over the limit: 413, and the connection closed once answered. */
    private static void tooLargeAndClose(RoutingContext routing, long limit) {
        HttpServerResponse response = routing.response();
        response.putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        response.endHandler(ended -> routing.request().connection().close());
        problem(response, Problem.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(), "Report too large",
                "the report exceeds " + limit + " bytes"));
    }

    private static void problem(HttpServerResponse response, Problem problem) {
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(problem.json()));
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The body's bytes, into one array sized by Content-Length when the sender declared it (so the usual one-chunk
     * report is copied once), growing otherwise; stops taking bytes past the limit.
     */
    static final class BodyCollector {

        private final long limit;
        private byte[] bytes;
        private int length;
        private boolean overLimit;

        BodyCollector(String contentLength, long limit) {
            this.limit = limit;
            this.bytes = new byte[initialSize(contentLength, limit)];
        }

        private static int initialSize(String contentLength, long limit) {
            if (contentLength != null) {
                try {
                    long declared = Long.parseLong(contentLength.trim());
                    if (declared >= 0 && declared <= limit) {
                        return (int) declared;
                    }
                } catch (NumberFormatException ignored) {
                    // Vert.x refuses a malformed Content-Length before routing; grow as the body comes.
                }
            }
            return 1024;
        }

        /** False once the body has passed the limit: the chunk is dropped. */
        boolean add(Buffer chunk) {
            if (overLimit || (long) length + chunk.length() > limit) {
                overLimit = true;
                return false;
            }
            if (length + chunk.length() > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit,
                        Math.max((long) bytes.length * 2, (long) length + chunk.length())));
            }
            chunk.getBytes(0, chunk.length(), bytes, length);
            length += chunk.length();
            return true;
        }

        boolean overLimit() {
            return overLimit;
        }

        byte[] bytes() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }
}
