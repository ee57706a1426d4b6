#!/usr/bin/env bash
# Parse + validation throughput of the TLS-RPT parser next to bare Jackson readTree, on the shared sample
# corpus plus the generated benchmark reports; then the CPU time per report of each step of the HTTPS hot path.
# Results go in docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# test-compile in the reactor, never install: ~/.m2 is shared with other work on this machine.
mvn -B -q -DskipTests test-compile dependency:build-classpath -pl ingest-service -am \
  -Dmdep.outputFile=target/test.classpath
"$ROOT/bench/reports.sh" "$ROOT/target/bench-reports" >/dev/null
CLASSPATH="ingest-service/target/classes:ingest-service/target/test-classes:$(cat ingest-service/target/test.classpath)"
java -Xmx512m -cp "$CLASSPATH" io.phishfence.ingest.report.ParserBenchmark "$ROOT/../shared/samples/tlsrpt" "$ROOT/target/bench-reports"
# CPU per report of each step of the HTTPS hot path, for the small benchmark report.
java -Xmx512m -cp "$CLASSPATH" io.phishfence.ingest.report.HotPathBenchmark "$ROOT/target/bench-reports/small.json.gz"
