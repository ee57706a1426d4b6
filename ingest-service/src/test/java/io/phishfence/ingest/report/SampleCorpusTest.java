package io.phishfence.ingest.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every JSON report of real senders in {@code ../shared/samples/tlsrpt/} parses; adding a file adds a test.
 * (The e-mail samples go through the SMTP channel.)
 */
class SampleCorpusTest {

    static final Path SAMPLES = Path.of("..", "..", "shared", "samples", "tlsrpt");

    @TestFactory
    Stream<DynamicTest> everyJsonSampleParses() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLES),
                "sample folder " + SAMPLES.toAbsolutePath().normalize() + " is absent on this machine; skipped");
        var files = Files.walk(SAMPLES).filter(p -> p.toString().endsWith(".json")).sorted().toList();
        assertFalse(files.isEmpty(), "no JSON samples found in " + SAMPLES);
        return files.stream().map(file -> DynamicTest.dynamicTest(SAMPLES.relativize(file).toString(), () -> {
            var report = TlsReportParser.parse(ReportDecoder.decode(Files.readAllBytes(file), 50L << 20));
            assertNotNull(report.reportId());
            assertNotNull(report.organizationName());
            assertTrue(report.totalSuccessfulSessions() + report.totalFailedSessions() >= 0);
            assertFalse(report.policies().isEmpty(), "a report has policies");
        }));
    }
}
