#!/usr/bin/env bash
# Benchmark of POST /tlsrpt/{token} (answered after the Kafka ack) next to a do-nothing Quarkus POST on the
# event loop, both in the same ingest process, driven by wrk with 64 connections, in one run on this machine.
# Then the latency of the small report at half the measured rate. Results go in docs/benchmarks.md.
#
#   bench/ingest-http.sh [seconds per measurement, default 30]
#
# BENCH_STARTS=N measures the noop and the small report in N starts of the ingest's JVM and prints the median ratio
# (each start settles on its own rate); BENCH_QUICK=1 only the noop and the small report; BENCH_LOOPS=0 without the
# loops inside the ingest; BENCH_AFTER_LARGE=1 the half-load line again right after the 14 KB report and 30 s later;
# BENCH_GC_LOG=1 the ingest's GC log (target/bench-stack/ingest-gc.log); BENCH_APP and BENCH_JFR: see below.
# BENCH_INGEST_JVM_OPTIONS adds options to the ingest's JVM, e.g. -XX:+PreserveFramePointer for perf.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SECONDS_PER_RUN=${1:-30}
CONNECTIONS=64
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

export PHISHFENCE_HOME=$ROOT/target/bench-stack
export PHISHFENCE_WEB_PORT=18080 PHISHFENCE_INGEST_PORT=18081 PHISHFENCE_MONITOR_PORT=18082 PHISHFENCE_SMTP_PORT=12525
export PHISHFENCE_POSTGRES_PORT=15433 PHISHFENCE_KAFKA_PORT=19092 PHISHFENCE_KAFKA_CONTROLLER_PORT=19093
BENCH_PORT=18091

echo "== building (product, and the ingest service with the bench profile's do-nothing endpoint)"
# package, never install: ~/.m2 is shared with other work on this machine.
[[ "${BENCH_SKIP_BUILD:-}" == 1 ]] || {
  mvn -B -q -DskipTests package
  mvn -B -q -DskipTests package -pl ingest-service -am -Dquarkus.profile=bench -Dquarkus.package.output-directory=bench-app
}
"$ROOT/bench/reports.sh" "$ROOT/target/bench-reports"

bench_pid=""
cleanup() {
  if [[ -n "$bench_pid" ]]; then
    kill "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  "$ROOT/deploy/local/stop.sh" --quiet || true
}
trap cleanup EXIT

echo "== starting Kafka, PostgreSQL and the services; seeding the demo tenant"
"$ROOT/deploy/local/stop.sh" --quiet
rm -rf "$PHISHFENCE_HOME"
deploy/local/run.sh --detach --demo >/dev/null
set -a; source "$PHISHFENCE_HOME/devstack.env"; source "$PHISHFENCE_HOME/demo.env"; set +a
# Only the broker and the ingest under test may use the two cores: stop the services, keep the infrastructure.
for pidfile in "$PHISHFENCE_HOME"/run/1-*.pid; do kill "$(cat "$pidfile")"; rm -f "$pidfile"; done
sleep 3

# BENCH_APP=<dir> runs another build of the ingest (e.g. one made with -Dquarkus.package.output-directory=<name>, to
# compare two versions on the same stack set-up). BENCH_JFR=1 records a Java Flight Recording of the ingest under test (target/bench-stack/ingest.jfr).
if curl -s -o /dev/null "http://localhost:$BENCH_PORT/"; then
  echo "port $BENCH_PORT is taken by another process: stop it first" >&2; exit 1
fi
jfr=()
# BENCH_INGEST_JVM_OPTIONS: more options for the ingest under test, e.g. -XX:+PreserveFramePointer for perf.
read -r -a extra_options <<<"${BENCH_INGEST_JVM_OPTIONS:-}"
jfr+=("${extra_options[@]}")
[[ "${BENCH_GC_LOG:-}" == 1 ]] && jfr+=("-Xlog:gc,safepoint:file=$PHISHFENCE_HOME/ingest-gc.log:uptime,level")
[[ "${BENCH_JFR:-}" == 1 ]] && jfr+=("-XX:FlightRecorderOptions=stackdepth=256" "-XX:StartFlightRecording=filename=$PHISHFENCE_HOME/ingest.jfr,settings=profile")
URL_NOOP=http://localhost:$BENCH_PORT/bench/noop
URL_INGEST=http://localhost:$BENCH_PORT/tlsrpt/$PHISHFENCE_DEMO_RUA_TOKEN

start_bench_app() {
  QUARKUS_HTTP_PORT=$BENCH_PORT PHISHFENCE_INGEST_SMTP_ENABLED=false \
    java -Xmx512m -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 "${jfr[@]}" -jar "${BENCH_APP:-ingest-service/target/bench-app}/quarkus-run.jar" >"$PHISHFENCE_HOME/logs/bench-ingest.log" 2>&1 &
  bench_pid=$!
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://localhost:$BENCH_PORT/q/health/ready" 2>/dev/null && break; sleep 1; done
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/tlsrpt+gzip' \
    --data-binary @"$ROOT/target/bench-reports/small.json.gz" "$URL_INGEST")
  [[ "$status" == 201 ]] || { echo "ingest answered $status to the benchmark report" >&2; exit 1; }
}
stop_bench_app() {
  kill "$bench_pid"; wait "$bench_pid" 2>/dev/null || true; bench_pid=""
}
start_bench_app

# CPU time per request of the ingest under test and of the broker: much less sensitive than requests/s to what
# else runs on the machine.
broker_pid=$(for child in $(pgrep -P "$(cat "$PHISHFENCE_HOME/run/0-devstack.pid")"); do
  grep -q BrokerMain "/proc/$child/cmdline" 2>/dev/null && echo "$child"; done)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))

# cpu_per_request INGEST0 BROKER0 REQUESTS: the CPU both used since the two tick counts, per request.
cpu_per_request() {
  local n=$(( $3 > 0 ? $3 : 1 ))
  echo "cpu_us_per_request: ingest=$(( ($(cpu_ticks "$bench_pid") - $1) * TICK_US / n ))" \
    "broker=$(( ($(cpu_ticks "$broker_pid") - $2) * TICK_US / n )) load=$(cut -d' ' -f1 /proc/loadavg)"
}
measure() { # name url body type seconds [delay ms]
  local ingest0 broker0 result requests
  ingest0=$(cpu_ticks "$bench_pid"); broker0=$(cpu_ticks "$broker_pid")
  result=$(BENCH_BODY=$3 BENCH_TYPE=$4 BENCH_DELAY_MS=${6:-0} wrk -t2 -c$CONNECTIONS -d"$5"s --timeout 10s \
    -s "$ROOT/bench/post.lua" "$2" | grep RESULT | sed "s/^RESULT/$1/")
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")
  echo "$result $(cpu_per_request "$ingest0" "$broker0" "$requests")" \
    "$([[ "$2" == "$URL_INGEST" ]] && producer_batching)"
}
# The same reports without HTTP, inside the ingest under test (ProducerLoopResource, bench profile only), as many in
# flight as wrk has connections: mode producer sends one prepared event again and again (the broker's and the
# producer's floor per report); mode intake runs the whole intake per report (gunzip, parse, event, producer).
producer_loop() { # mode body seconds
  local ingest0 broker0 result reports
  ingest0=$(cpu_ticks "$bench_pid"); broker0=$(cpu_ticks "$broker_pid")
  result=$(curl -fsS --max-time $(( $3 + 60 )) -H 'Content-Type: application/octet-stream' --data-binary @"$2" \
    "http://localhost:$BENCH_PORT/bench/producer-loop/$PHISHFENCE_DEMO_RUA_TOKEN?mode=$1&seconds=$3&in-flight=$CONNECTIONS")
  reports=$(sed 's/.*reports=\([0-9]*\).*/\1/' <<<"$result")
  echo "loop-$1 $(awk -v r="$reports" -v s="$3" 'BEGIN { printf "rps=%.0f", r / s }') $result" \
    "$(cpu_per_request "$ingest0" "$broker0" "$reports") $(producer_batching)"
}
# How many reports shared a produce request, and how large a batch was, as the producer saw it (its own averages
# over its last 30-60 s: the measurement that just ended, and in a full run part of the one before).
producer_batching() {
  curl -fsS "http://localhost:$BENCH_PORT/q/metrics" | awk '
    /^kafka_producer_records_per_request_avg\{.*report-publisher/ { printf " records_per_request=%.1f", $NF }
    /^kafka_producer_batch_size_avg\{.*report-publisher/ { printf " batch_bytes=%.0f", $NF }'
}

SMALL=$ROOT/target/bench-reports/small.json.gz
LARGE=$ROOT/target/bench-reports/large.json.gz
# On two saturated cores the JIT compilers get little CPU: the ingest and the broker take 60-90 s of load to reach
# their steady rate (a 10 s warm-up measured 0.19x at mid-climb). So each endpoint is driven in 10 s rounds until two
# rounds in a row agree within 5% (at least 3 rounds, at most BENCH_WARM_ROUNDS, default 15), and the rounds are shown.
warm_until_steady() { # name url body
  local previous=0 current round rounds=()
  for round in $(seq 1 "${BENCH_WARM_ROUNDS:-15}"); do
    current=$(rps "$(measure "$1" "$2" "$3" application/tlsrpt+gzip 10)")
    rounds+=("$current")
    if (( round >= 3 )) && awk -v a="$previous" -v b="$current" 'BEGIN { exit !(a > 0 && (b - a) / a < 0.05 && (a - b) / a < 0.05) }'; then
      break
    fi
    previous=$current
  done
  echo "warm-up $1: ${#rounds[@]} rounds of 10 s, req/s ${rounds[*]}"
}
rps() { sed 's/.*rps=\([0-9]*\).*/\1/' <<<"$1"; }
# Each start of the ingest's JVM settles on a rate of its own, the noop's more than the report's (session 7: the noop
# 35,930 in one start and 42,353 req/s in the next, the small report 12,692 and 12,120). BENCH_STARTS=N measures the
# noop and the small report in N starts of the ingest, one after the other on the same stack, and prints each ratio
# and their median; the other lines are measured in the last start.
STARTS=${BENCH_STARTS:-1}
ratios=()
for start in $(seq 1 "$STARTS"); do
  if (( start > 1 )); then
    stop_bench_app
    start_bench_app
  fi
  (( STARTS > 1 )) && echo "== start $start of $STARTS of the ingest's JVM"
  echo "== warm-up until steady"
  warm_until_steady noop "$URL_NOOP" "$SMALL"
  warm_until_steady ingest-small "$URL_INGEST" "$SMALL"

  echo "== measuring, $SECONDS_PER_RUN s each, $CONNECTIONS connections"
  noop=$(measure noop "$URL_NOOP" "$SMALL" application/tlsrpt+gzip "$SECONDS_PER_RUN"); echo "$noop"
  small=$(measure ingest-small "$URL_INGEST" "$SMALL" application/tlsrpt+gzip "$SECONDS_PER_RUN"); echo "$small"
  ratios+=("$(awk -v n="$(rps "$noop")" -v s="$(rps "$small")" 'BEGIN { printf "%.3f", s / n }')")
  echo "ratio ingest-small / noop: ${ratios[-1]}"
done
if (( STARTS > 1 )); then
  echo "ratios ingest-small / noop in $STARTS starts: ${ratios[*]}; median $(printf '%s\n' "${ratios[@]}" | sort -n \
    | awk '{ r[NR] = $1 } END { print NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')"
fi
if [[ "${BENCH_LOOPS:-1}" == 1 ]]; then
  producer_loop producer "$SMALL" "$SECONDS_PER_RUN"
  producer_loop intake "$SMALL" "$SECONDS_PER_RUN"
fi
# BENCH_QUICK=1 stops here: the small report next to noop only.
[[ "${BENCH_QUICK:-}" == 1 ]] && exit 0

# Half the small report's rate: each connection waits between its requests for the time that leaves after the
# answer's own time. That time is shorter at half load than at full load, so it is taken from a 5 s probe at about
# half load first, then the measurement runs with the corrected wait.
half=$(( $(rps "$small") / 2 ))
wait_ms() { # latency_ms -> the wait that leaves each connection CONNECTIONS/half of a second per request
  awk -v c="$CONNECTIONS" -v h="$half" -v p="$1" 'BEGIN { d = c * 1000 / (h > 0 ? h : 1) - p; printf "%.0f", (d > 1 ? d : 1) }'
}
p50() { sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<<"$1"; }
probe=$(measure "probe" "$URL_INGEST" "$SMALL" application/tlsrpt+gzip 5 "$(wait_ms "$(p50 "$small")")")
echo "$probe"
delay=$(wait_ms "$(p50 "$probe")")
halfload=$(measure "ingest-small@${half}rps" "$URL_INGEST" "$SMALL" application/tlsrpt+gzip "$SECONDS_PER_RUN" "$delay")
echo "$halfload"

# The 14 KB report is warmed up only now, so that every start measures the noop and the small report alike (session 8:
# the last start, which warmed up the 14 KB report before measuring, measured the small report 10-15% slower).
warm_until_steady ingest-14kb "$URL_INGEST" "$LARGE"
large=$(measure ingest-14kb "$URL_INGEST" "$LARGE" application/tlsrpt+gzip "$SECONDS_PER_RUN"); echo "$large"
awk -v n="$(rps "$noop")" -v l="$(rps "$large")" 'BEGIN { printf "ratio ingest-14kb / noop: %.2f\n", l / n }'

# A sender that mixes both sizes: the half-load line once more right after the 14 KB report, and again after 30 s of
# quiet, with the page cache's dirty and writeback memory (the broker's writes) before each.
if [[ "${BENCH_AFTER_LARGE:-}" == 1 ]]; then
  dirty() { awk '/^(Dirty|Writeback):/ { printf "%s%s kB ", $1, $2 }' /proc/meminfo; }
  echo "page cache: $(dirty)"
  measure "ingest-small@${half}rps-right-after-14kb" "$URL_INGEST" "$SMALL" application/tlsrpt+gzip "$SECONDS_PER_RUN" "$delay"
  sleep 30
  echo "page cache: $(dirty)"
  measure "ingest-small@${half}rps-30s-after-14kb" "$URL_INGEST" "$SMALL" application/tlsrpt+gzip "$SECONDS_PER_RUN" "$delay"
fi
