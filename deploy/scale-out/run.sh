#!/usr/bin/env bash
# Shows on one machine that PhishFence scales out: two instances of each service, on their own ports, against one
# Kafka broker and one PostgreSQL (devstack). Checks, and prints PASS or FAIL for each:
#   1. a session made on one web instance is valid on the other (shared cookie key);
#   2. reports posted to both ingest instances are stored once each, a duplicate through the other one too;
#   3. the two monitors split the domains: each domain is owned, so checked on schedule, by exactly one;
#   4. after one monitor is killed (SIGKILL), the other owns all domains within a minute and checks them.
# Exits 0 only when every check passed. Everything it starts is stopped at the end; data is in
# $PHISHFENCE_HOME (default target/scale-out, wiped at start). Needs the services built (mvn package).
# system-tests' ScaleOutIT proves the same in `mvn verify`; this script is for watching it happen.
#
#   deploy/scale-out/run.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PHISHFENCE_HOME=${PHISHFENCE_HOME:-$ROOT/target/scale-out}
BASE=${PHISHFENCE_SCALE_OUT_BASE_PORT:-18000}
READY_TIMEOUT=${PHISHFENCE_READY_TIMEOUT:-400}
export PHISHFENCE_POSTGRES_PORT=$((BASE + 432)) PHISHFENCE_KAFKA_PORT=$((BASE + 92)) \
  PHISHFENCE_KAFKA_CONTROLLER_PORT=$((BASE + 93))
# DNS for checks and DKIM goes to a closed loopback port: this proof needs no answers, and sends nothing away.
NO_DNS=127.0.0.1:$((BASE + 53))
DOMAINS=(alpha.scale-out.example bravo.scale-out.example charlie.scale-out.example delta.scale-out.example)

RUN_DIR=$PHISHFENCE_HOME/run
LOG_DIR=$PHISHFENCE_HOME/logs
JAR=$PHISHFENCE_HOME/cookies
rm -rf "$PHISHFENCE_HOME"
mkdir -p "$RUN_DIR" "$LOG_DIR"

for service in ingest-service monitor-service web-app; do
  [[ -f "$ROOT/$service/target/quarkus-app/quarkus-run.jar" ]] \
    || { echo "Build first: mvn -DskipTests package (missing $service)" >&2; exit 2; }
done

failures=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
alive() { kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }
# shellcheck disable=SC2317 # called by the EXIT trap
stop_all() {
  local signal pidfile
  for signal in TERM KILL; do
    for pidfile in "$RUN_DIR"/*.pid; do
      if [[ -e "$pidfile" ]]; then kill "-$signal" "$(cat "$pidfile")" 2>/dev/null || true; fi
    done
    if [[ $signal == TERM ]]; then sleep 3; fi
  done
  return 0
}
trap stop_all EXIT

# --- one broker, one database -------------------------------------------------------------------------------
DEVSTACK_CLASSES=$ROOT/devstack/target/classes
setsid nohup java -Xmx256m -cp "$DEVSTACK_CLASSES:$(cat "$DEVSTACK_CLASSES/io/phishfence/devstack/kafka-broker.classpath")" \
  io.phishfence.devstack.DevStackMain "$PHISHFENCE_HOME" >"$LOG_DIR/devstack.log" 2>&1 </dev/null &
echo $! >"$RUN_DIR/devstack.pid"
for _ in $(seq 1 "$READY_TIMEOUT"); do
  [[ -f "$PHISHFENCE_HOME/devstack.env" ]] && break
  alive devstack || { echo "devstack failed: $LOG_DIR/devstack.log" >&2; exit 1; }
  sleep 1
done
set -a
# shellcheck disable=SC1091
source "$PHISHFENCE_HOME/devstack.env"
set +a
SESSION_KEY=$(head -c 32 /dev/urandom | base64)

# --- two of each ---------------------------------------------------------------------------------------------
# start <name> <instance> <http port> [VAR=value...]
# A common pool of at least two threads, also on two cores: ADR 0021.
start() {
  local service=$1 instance=$2 port=$3; shift 3
  env QUARKUS_HTTP_PORT="$port" "$@" setsid nohup java -Xmx256m -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -jar "$ROOT/$service/target/quarkus-app/quarkus-run.jar" \
    >"$LOG_DIR/$service-$instance.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$service-$instance.pid"
}
INGEST=($((BASE + 81)) $((BASE + 181)))
MONITOR=($((BASE + 82)) $((BASE + 182)))
WEB=($((BASE + 80)) $((BASE + 180)))
for i in 0 1; do
  start ingest-service "$i" "${INGEST[$i]}" PHISHFENCE_INGEST_SMTP_PORT=$((BASE + 25 + 100 * i)) \
    PHISHFENCE_INGEST_DNS_SERVER="$NO_DNS"
  start monitor-service "$i" "${MONITOR[$i]}" PHISHFENCE_MONITOR_DNS_SERVER="$NO_DNS" \
    PHISHFENCE_MONITOR_DNS_TIMEOUT=1s PHISHFENCE_MONITOR_INTERVAL=20s PHISHFENCE_MONITOR_SCHEDULE_TICK=2s
  # Account mail is only logged, with its link (as deploy/local does), so that the proof can verify its account.
  start web-app "$i" "${WEB[$i]}" QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="$SESSION_KEY" \
    PHISHFENCE_WEB_INGEST_URL="http://localhost:${INGEST[0]}" PHISHFENCE_WEB_MAIL_MOCK=true \
    PHISHFENCE_WEB_ACCOUNT_LOG_LINKS=true
done
started=$(date +%s)
for i in 0 1; do
  for pair in "ingest-service ${INGEST[$i]}" "monitor-service ${MONITOR[$i]}" "web-app ${WEB[$i]}"; do
    read -r service port <<<"$pair"
    until curl -fsS -o /dev/null "http://localhost:$port/q/health/ready" 2>/dev/null; do
      alive "$service-$i" || { echo "$service-$i exited: $LOG_DIR/$service-$i.log" >&2; exit 1; }
      (( $(date +%s) - started < READY_TIMEOUT )) || { echo "$service-$i not ready in ${READY_TIMEOUT}s" >&2; exit 1; }
      sleep 1
    done
  done
done
echo "Six instances ready after $(( $(date +%s) - started ))s: web ${WEB[*]}, ingest ${INGEST[*]}, monitor ${MONITOR[*]}."

# --- 1. one session, both web instances ------------------------------------------------------------------------
csrf() { curl -fsS -b "$JAR" -c "$JAR" "$1" | grep -o 'name="csrf-token" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//'; }
post_form() {
  local page=$1 action=$2; shift 2
  curl -sS -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" --data-urlencode "csrf-token=$(csrf "$page")" "$@" "$action"
}
web_a=http://localhost:${WEB[0]} web_b=http://localhost:${WEB[1]}
email=scale-out-$(date +%s)@phishfence.localhost
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
post_form "$web_a/signup" "$web_a/signup" --data-urlencode "email=$email" --data-urlencode "password=$password" \
  --data-urlencode "organization=Scale-out proof" >/dev/null
# New accounts verify their address: web A logs the mail's link (PHISHFENCE_WEB_ACCOUNT_LOG_LINKS).
link=""
for _ in $(seq 1 60); do
  link=$({ grep -o "Account mail to $email ([^)]*): [^ ]*/verify?token=[A-Za-z0-9_-]*" "$LOG_DIR/web-app-0.log" || true; } \
    | tail -n1 | sed 's/.*: //')
  [[ -n "$link" ]] && break
  sleep 0.5
done
post_form "$web_a/verify?${link#*\?}" "$web_a/verify" --data-urlencode "token=${link##*token=}" >/dev/null
login=$(post_form "$web_a/login" "$web_a/j_security_check" --data-urlencode "j_username=$email" \
  --data-urlencode "j_password=$password")
on_b=$(curl -sS -o /dev/null -w '%{http_code}' -b "$JAR" "$web_b/domains")
if [[ -n "$link" && "$login" == 302 && "$on_b" == 200 ]]; then
  pass "logged in on web ${WEB[0]}, the same cookie opens /domains on web ${WEB[1]}"
else
  fail "session: verification link ${link:+found}${link:-missing}, log-in on web A answered $login, /domains on web B answered $on_b (200 expected)"
fi
added=0
for i in "${!DOMAINS[@]}"; do
  web=$([[ $((i % 2)) == 0 ]] && echo "$web_b" || echo "$web_a")
  [[ $(post_form "$web/domains" "$web/domains" --data-urlencode "name=${DOMAINS[$i]}") == 303 ]] && added=$((added + 1))
done
if [[ $added == "${#DOMAINS[@]}" ]]; then
  pass "added ${#DOMAINS[@]} domains through both web instances (forms with CSRF tokens)"
else
  fail "only $added of ${#DOMAINS[@]} domains were added"
fi

# --- 2. reports through both ingest instances, stored once ---------------------------------------------------
token=$(curl -fsS -b "$JAR" "$web_a/domains" | { grep -o 'id="rua-https">[^<]*' || true; } | sed 's/.*>//; s#.*/##')
report() {
  printf '{"organization-name": "Scale-out Org", "report-id": "%s", "date-range": {"start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"}, "policies": [{"policy": {"policy-type": "sts", "policy-domain": "%s"}, "summary": {"total-successful-session-count": 10, "total-failure-session-count": 0}}]}' "$1" "${DOMAINS[0]}"
}
post_report() { # <ingest port> <report id>: 201 once the instance knows the new tenant (through Kafka)
  local status
  for _ in $(seq 1 120); do
    status=$(report "$2" | curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/tlsrpt+json' \
      --data-binary @- "http://localhost:$1/tlsrpt/$token")
    [[ "$status" == 201 ]] && return 0
    sleep 0.5
  done
  echo "ingest $1 answered $status for $2" >&2
  return 1
}
first=scale-out-a-$RANDOM second=scale-out-b-$RANDOM
if post_report "${INGEST[0]}" "$first" && post_report "${INGEST[1]}" "$second" && post_report "${INGEST[1]}" "$first"; then
  pass "ingest ${INGEST[0]} took $first, ingest ${INGEST[1]} took $second and $first again (201 after Kafka's ack)"
else
  fail "an ingest instance did not accept a report"
fi
shown() { curl -fsS -b "$JAR" "$1/domains/${DOMAINS[0]}" | grep -c "<code>$2</code>" || true; }
for _ in $(seq 1 60); do
  [[ $(shown "$web_b" "$first") -ge 1 && $(shown "$web_b" "$second") -ge 1 ]] && break
  sleep 1
done
sleep 3 # let a late duplicate, if any, be stored too
if [[ $(shown "$web_b" "$first") == 1 && $(shown "$web_b" "$second") == 1 && $(shown "$web_a" "$first") == 1 ]]; then
  pass "each report is stored once (the one posted twice too), as both web instances show"
else
  fail "reports shown: $first $(shown "$web_b" "$first") time(s), $second $(shown "$web_b" "$second") time(s) (1 each expected)"
fi

# --- 3. the monitors split the domains ---------------------------------------------------------------------------
metric() { # <port> <metric> [label filter]: the sum of its samples
  { curl -fsS "http://localhost:$1/q/metrics" 2>/dev/null || true; } | { grep "^$2" || true; } \
    | { grep -- "${3:-}" || true; } | awk '{sum += $NF} END {printf "%d", sum}'
}
owned() { metric "$1" phishfence_monitor_domains_owned; }
checks() { metric "$1" phishfence_monitor_check_duration_seconds_count 'trigger="schedule"'; }
for _ in $(seq 1 60); do
  [[ $(( $(owned "${MONITOR[0]}") + $(owned "${MONITOR[1]}") )) == "${#DOMAINS[@]}" ]] && break
  sleep 1
done
owned_a=$(owned "${MONITOR[0]}") owned_b=$(owned "${MONITOR[1]}")
if [[ $((owned_a + owned_b)) == "${#DOMAINS[@]}" ]]; then
  pass "monitor ${MONITOR[0]} owns $owned_a domain(s), monitor ${MONITOR[1]} $owned_b: each of the ${#DOMAINS[@]} by exactly one"
else
  fail "monitors own $owned_a + $owned_b domains, ${#DOMAINS[@]} expected"
fi
before_a=$(checks "${MONITOR[0]}") before_b=$(checks "${MONITOR[1]}")
sleep 45 # two 20 s cycles
ran_a=$(( $(checks "${MONITOR[0]}") - before_a )) ran_b=$(( $(checks "${MONITOR[1]}") - before_b ))
echo "      in 45 s: monitor ${MONITOR[0]} ran $ran_a scheduled checks, monitor ${MONITOR[1]} ran $ran_b"
if (( ran_a >= owned_a && ran_a <= 3 * owned_a && ran_b >= owned_b && ran_b <= 3 * owned_b )); then
  pass "each monitor checks only its own domains, about once per 20 s cycle"
else
  fail "scheduled checks do not match ownership (expected 1 to 3 per owned domain in 45 s)"
fi

# --- 4. one monitor dies, the other takes over -------------------------------------------------------------------
victim=0 survivor=1
(( owned_a == 0 )) && victim=1 survivor=0
kill -KILL "$(cat "$RUN_DIR/monitor-service-$victim.pid")"
killed=$(date +%s)
echo "      killed monitor ${MONITOR[$victim]} (SIGKILL), which owned its share of the domains"
took_over=""
for _ in $(seq 1 120); do
  if [[ $(owned "${MONITOR[$survivor]}") == "${#DOMAINS[@]}" ]]; then
    took_over=$(( $(date +%s) - killed ))
    break
  fi
  sleep 1
done
if [[ -n "$took_over" && $took_over -le 60 ]]; then
  pass "monitor ${MONITOR[$survivor]} owns all ${#DOMAINS[@]} domains ${took_over}s after the kill"
else
  fail "monitor ${MONITOR[$survivor]} did not own all domains within 60 s (${took_over:-never} s)"
fi
before=$(checks "${MONITOR[$survivor]}")
for _ in $(seq 1 60); do
  (( $(checks "${MONITOR[$survivor]}") - before >= ${#DOMAINS[@]} )) && break
  sleep 1
done
echo "      the survivor ran $(( $(checks "${MONITOR[$survivor]}") - before )) scheduled checks by $(( $(date +%s) - killed ))s after the kill"

echo
if (( failures == 0 )); then
  echo "Scale-out proof: every check passed. Logs: $LOG_DIR"
else
  echo "Scale-out proof: $failures check(s) failed. Logs: $LOG_DIR"
fi
exit $(( failures > 0 ))
