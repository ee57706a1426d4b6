package io.phishfence.ingest.bench;

import io.phishfence.events.TlsReportReceived;
import io.phishfence.events.tlsrpt.TlsReport;
import io.phishfence.ingest.kafka.ReportPublisher;
import io.phishfence.ingest.report.IntakeResult;
import io.phishfence.ingest.report.InvalidReportException;
import io.phishfence.ingest.report.ReportDecoder;
import io.phishfence.ingest.report.ReportIntake;
import io.phishfence.ingest.report.ReportTooLargeException;
import io.phishfence.ingest.report.TlsReportParser;
import io.phishfence.ingest.tenant.TenantDirectory;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The floor under bench/ingest-http.sh: the same reports sent by the same producer to the same broker, without
 * HTTP. {@code producer} sends one prepared event over and over (what the broker and the producer cost per report:
 * writing the event, batching, lz4, the network thread); {@code intake} runs the whole intake per report (gunzip,
 * parse, event, producer) as the HTTP handler does. Like wrk's connections, {@code in-flight} reports wait for their
 * ack at once. Exists only in builds made with the {@code bench} profile, never in the product.
 */
@IfBuildProfile("bench")
@Path("/bench/producer-loop/{token}")
public class ProducerLoopResource {

    private final TenantDirectory tenants;
    private final ReportPublisher publisher;
    private final ReportIntake intake;

    ProducerLoopResource(TenantDirectory tenants, ReportPublisher publisher, ReportIntake intake) {
        this.tenants = tenants;
        this.publisher = publisher;
        this.intake = intake;
    }

    /** Runs on a worker thread for {@code seconds}; answers {@code reports=N seconds=S failed=F}. */
    @POST
    public String run(@PathParam("token") String token, @QueryParam("mode") @DefaultValue("producer") String mode,
            @QueryParam("seconds") @DefaultValue("15") int seconds,
            @QueryParam("in-flight") @DefaultValue("64") int inFlight, byte[] body)
            throws InterruptedException, InvalidReportException, ReportTooLargeException {
        String tenant = tenants.tenantOf(token).orElseThrow(() -> new WebApplicationException(404));
        Supplier<CompletionStage<Void>> send = switch (mode) {
            case "producer" -> {
                TlsReport report = TlsReportParser.parse(ReportDecoder.decode(body, Long.MAX_VALUE));
                var event = TlsReportReceived.of(tenant, report.policies().get(0).policy().policyDomain(),
                        TlsReportReceived.CHANNEL_HTTPS, Instant.now(), report, "application/tlsrpt+gzip", body);
                yield () -> publisher.publish(event);
            }
            case "intake" -> () -> ((IntakeResult.Publishing) intake.accept(tenant, body, "application/tlsrpt+gzip", null))
                    .acknowledged();
            default -> throw new WebApplicationException(400);
        };
        var slots = new Semaphore(inFlight);
        var acknowledged = new AtomicLong();
        var failed = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            slots.acquire();
            send.get().whenComplete((ok, error) -> {
                (error == null ? acknowledged : failed).incrementAndGet();
                slots.release();
            });
        }
        slots.acquire(inFlight);
        double elapsed = (System.nanoTime() - started) / 1e9;
        return "reports=%d seconds=%.2f failed=%d%n".formatted(acknowledged.get(), elapsed, failed.get());
    }
}
