package io.phishfence.ingest.report;

import io.phishfence.events.EventJson;
import io.phishfence.events.TlsReportReceived;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Not a test: run by bench/parser.sh. CPU time per report of each step the HTTPS hot path takes for one report
 * (gunzip, parse and validate, write the event), measured as the thread's CPU time, which other work on the machine
 * disturbs far less than throughput. Prints the median of several rounds of each step.
 */
public final class HotPathBenchmark {

    private static final int ROUNDS = 7;
    private static final int PER_ROUND = 20_000;
    private static Object sink;

    private HotPathBenchmark() {
    }

    /** @param args the gzip report to measure with */
    public static void main(String[] args) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(args[0]));
        byte[] json = ReportDecoder.decode(body, Long.MAX_VALUE);
        var event = TlsReportReceived.of("4f7c0ba2-3d0e-4c51-9a1e-0d6b7c1e2f3a", "demo-shop.example",
                TlsReportReceived.CHANNEL_HTTPS, Instant.now(), TlsReportParser.parse(json), "application/tlsrpt+gzip",
                body);
        System.out.printf("report: %d bytes gzip, %d bytes JSON, event %d bytes%n", body.length, json.length,
                EventJson.write(event).length);
        measure("gunzip", () -> ReportDecoder.decode(body, Long.MAX_VALUE));
        measure("parse + validate", () -> TlsReportParser.parse(json));
        measure("write the event", () -> EventJson.write(event));
        // What carrying the raw bytes outside the JSON (a Kafka header, a binary frame) could save at most.
        var withoutRaw = TlsReportReceived.of(event.tenantId(), event.policyDomain(), event.channel(),
                event.receivedAt(), event.report(), event.rawContentType(), new byte[0]);
        measure("  ... without raw", () -> EventJson.write(withoutRaw));
    }

    private static void measure(String step, Callable<Object> work) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3 * PER_ROUND; i++) {
            sink = work.call();
        }
        double[] micros = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < PER_ROUND; i++) {
                sink = work.call();
            }
            micros[round] = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / PER_ROUND;
        }
        Arrays.sort(micros);
        System.out.printf("%-18s %6.1f us CPU per report (median of %d rounds; min %.1f, max %.1f)%n", step,
                micros[ROUNDS / 2], ROUNDS, micros[0], micros[ROUNDS - 1]);
    }
}
