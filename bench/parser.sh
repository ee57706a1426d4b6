#!/usr/bin/env bash
# Parse + validation throughput of the TLS-RPT parser next to bare Jackson readTree, on the shared sample
# corpus plus the generated benchmark reports. Results go in docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
mvn -B -q -DskipTests install -pl ingest-service -am
mvn -B -q test-compile -pl ingest-service
mvn -B -q dependency:build-classpath -pl ingest-service -Dmdep.outputFile=target/ingest-test.classpath
"$ROOT/bench/reports.sh" "$ROOT/target/bench-reports" >/dev/null
java -Xmx512m -cp "ingest-service/target/classes:ingest-service/target/test-classes:$(cat ingest-service/target/ingest-test.classpath)" \
  io.phishfence.ingest.report.ParserBenchmark "$ROOT/../shared/samples/tlsrpt" "$ROOT/target/bench-reports"
