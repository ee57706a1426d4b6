#!/usr/bin/env bash
# The monitor's plain DNS questions over dnsjava's own transport and over the monitor's blocking one
# (monitor-service dns/BlockingDnsTransport), alternated in one JVM against the test DNS server on loopback:
# questions/s and CPU per question of each, and the median ratio. Results go in docs/benchmarks.md.
#
#   bench/dns-transport.sh [domains per round=10000] [threads=16] [rounds of each=4]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# test-compile in the reactor, never install: ~/.m2 is shared with other work on this machine.
mvn -B -q -DskipTests test-compile dependency:build-classpath -pl monitor-service -am \
  -Dmdep.outputFile=target/test.classpath
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
java -Xmx512m -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 \
  -cp "monitor-service/target/classes:monitor-service/target/test-classes:$(cat monitor-service/target/test.classpath)" \
  io.phishfence.monitor.dns.DnsTransportBenchmark "$@"
