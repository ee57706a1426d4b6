#!/usr/bin/env bash
# Full-stack monitor benchmark: one monitor-service process (the packaged quarkus-app jar, -Xmx512m) checks every
# one of N generated domains against local servers (a dnsjava DNS server with a complete stack per domain, one
# HTTPS host for MTA-STS policies and BIMI logos and one SMTP server with STARTTLS as every MX, both presenting a
# certificate issued for the name SNI asks), through a real Kafka broker and PostgreSQL;
# then the same DNS questions through dnsjava alone. Prints domains/s, check times, the monitor's CPU time, peak
# memory, and the load average (the machine may be shared). Results go in docs/benchmarks.md. Installs nothing into ~/.m2.
#
#   bench/monitor-checks.sh [domains=10000] [monitor heap=512m] [concurrency=16]
#
# MONITOR_JVM_OPTIONS adds options to the monitor's JVM, e.g. a flight recording to see where the time goes:
#   MONITOR_JVM_OPTIONS="-XX:StartFlightRecording=filename=/tmp/monitor.jfr,settings=profile" bench/monitor-checks.sh 1000
# BENCH_CA=ec has the bench CA sign with ECDSA P-256 instead of RSA 2048 (the default, as most public MX and web
# chains are: Let's Encrypt R10/R11, Google Trust Services, DigiCert); the servers' own keys are P-256 either way.
# The first line of output says which ran.
# BENCH_DNS_ONLY=1 runs only the last phase, dnsjava alone against the test DNS server (a warm-up round, then the
# given concurrency and 64 threads), without the monitor, Kafka or PostgreSQL.
# BENCH_ROUNDS=N repeats "check now" N times (default 3): the first rounds pay for the JIT's compiling.
# BENCH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DOMAINS=${1:-10000}
HEAP=${2:-512m}
CONCURRENCY=${3:-16}

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -DskipTests package -pl monitor-service -am
  mvn -B -q -DskipTests test-compile dependency:build-classpath -pl system-tests -am \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
cd system-tests
java -Xmx1g -cp "target/test-classes:$(cat target/bench.classpath)" \
  io.phishfence.system.bench.MonitorBench "$DOMAINS" "$HEAP" "$CONCURRENCY"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
