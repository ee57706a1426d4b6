package io.phishfence.ingest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: run by bench/parser.sh. Parse-and-validate throughput of {@link TlsReportParser} next to bare
 * Jackson {@code readTree} on the same corpus, alternating rounds in one JVM so both see the same machine.
 * Prints the median ratio.
 */
public final class ParserBenchmark {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    private ParserBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        for (String folder : args) {
            try (var files = Files.walk(Path.of(folder))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    corpus.add(Files.readAllBytes(file));
                }
            }
        }
        long bytes = corpus.stream().mapToLong(b -> b.length).sum();
        System.out.printf("corpus: %d reports, %d bytes%n", corpus.size(), bytes);
        // Warm-up: let the JIT compile both paths.
        run(corpus, true, 3_000);
        run(corpus, false, 3_000);
        int rounds = 7;
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            double jackson = run(corpus, false, 2_000);
            double parser = run(corpus, true, 2_000);
            ratios[round] = parser / jackson;
            System.out.printf("round %d: readTree %.0f reports/s, TlsReportParser %.0f reports/s, ratio %.2f%n",
                    round + 1, jackson, parser, ratios[round]);
        }
        Arrays.sort(ratios);
        System.out.printf("median ratio TlsReportParser / readTree: %.2f (min %.2f, max %.2f)%n",
                ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
    }

    /** @return reports per second over {@code millis} */
    private static double run(List<byte[]> corpus, boolean parser, long millis) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000;
        long count = 0;
        long start = System.nanoTime();
        int sink = 0;
        while (System.nanoTime() < end) {
            for (byte[] report : corpus) {
                sink += parser ? TlsReportParser.parse(report).policies().size() : JACKSON.readTree(report).size();
                count++;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
