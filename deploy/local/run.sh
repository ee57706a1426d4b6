#!/usr/bin/env bash
# Runs the whole of PhishFence on this machine: PostgreSQL and Kafka (embedded, unless
# QUARKUS_DATASOURCE_JDBC_URL / KAFKA_BOOTSTRAP_SERVERS point elsewhere) and the three services,
# each its own process. Builds what is missing first. See README.md and deploy/local/README.md.
#
#   deploy/local/run.sh            run in the foreground; Ctrl-C stops everything
#   deploy/local/run.sh --detach   return once everything is ready; deploy/local/stop.sh stops it
#   deploy/local/run.sh --demo     also seed a demo tenant once (credentials in $PHISHFENCE_HOME/demo.env)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PHISHFENCE_HOME=${PHISHFENCE_HOME:-$ROOT/.phishfence}
WEB_PORT=${PHISHFENCE_WEB_PORT:-8080}
INGEST_PORT=${PHISHFENCE_INGEST_PORT:-8081}
MONITOR_PORT=${PHISHFENCE_MONITOR_PORT:-8082}
SMTP_PORT=${PHISHFENCE_SMTP_PORT:-2525}
READY_TIMEOUT=${PHISHFENCE_READY_TIMEOUT:-240}

detach=false
demo=false
for arg in "$@"; do
  case "$arg" in
    --detach) detach=true ;;
    --demo) demo=true ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

RUN_DIR=$PHISHFENCE_HOME/run
LOG_DIR=$PHISHFENCE_HOME/logs
mkdir -p "$RUN_DIR" "$LOG_DIR"

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

for pidfile in "$RUN_DIR"/*.pid; do
  if alive "$pidfile"; then
    echo "PhishFence is already running from $PHISHFENCE_HOME ($(basename "$pidfile" .pid), pid $(cat "$pidfile"))." >&2
    echo "Stop it with deploy/local/stop.sh, or set PHISHFENCE_HOME to run a second one." >&2
    exit 1
  fi
done
rm -f "$RUN_DIR"/*.pid

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=("$WEB_PORT" "$INGEST_PORT" "$MONITOR_PORT" "$SMTP_PORT")
[[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]] && ports+=("${PHISHFENCE_POSTGRES_PORT:-5433}")
[[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]] && ports+=("${PHISHFENCE_KAFKA_PORT:-9092}" "${PHISHFENCE_KAFKA_CONTROLLER_PORT:-9093}")
duplicates=$(printf '%s\n' "${ports[@]}" | sort | uniq -d | tr '\n' ' ')
if [[ -n "$duplicates" ]]; then
  echo "Port ${duplicates% } is given to more than one program; each needs its own (PHISHFENCE_*_PORT," \
    "see deploy/local/README.md)." >&2
  exit 1
fi
for port in "${ports[@]}"; do
  if port_in_use "$port"; then
    echo "Port $port is in use by another program (another PhishFence?); free it or choose other ports" \
      "(PHISHFENCE_*_PORT, see deploy/local/README.md)." >&2
    exit 1
  fi
done

# --- build what is missing -------------------------------------------------------------------
DEVSTACK_CLASSES=$ROOT/devstack/target/classes
DEVSTACK_CP_FILE=$DEVSTACK_CLASSES/io/phishfence/devstack/kafka-broker.classpath
SERVICES=(ingest-service monitor-service web-app)
missing=false
[[ -f "$DEVSTACK_CP_FILE" ]] || missing=true
for service in "${SERVICES[@]}"; do
  [[ -f "$ROOT/$service/target/quarkus-app/quarkus-run.jar" ]] || missing=true
done
if $missing; then
  echo "Building PhishFence (mvn package, tests skipped; the first time takes a few minutes)..."
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi

# --- stop everything we started, in reverse order ----------------------------------------------
cleanup() {
  trap - INT TERM EXIT
  "$ROOT/deploy/local/stop.sh" --quiet
}

fail() {
  echo "$1" >&2
  [[ -n "${2:-}" && -f "$2" ]] && { echo "--- last lines of $2:" >&2; tail -n 30 "$2" >&2; }
  cleanup
  exit 1
}

if ! $detach; then
  trap cleanup INT TERM EXIT
fi

started_at=$(date +%s)

# --- infrastructure: PostgreSQL + Kafka ---------------------------------------------------------
rm -f "$PHISHFENCE_HOME/devstack.env"
setsid nohup java -Xmx256m -cp "$DEVSTACK_CLASSES:$(cat "$DEVSTACK_CP_FILE")" \
  io.phishfence.devstack.DevStackMain "$PHISHFENCE_HOME" >"$LOG_DIR/devstack.log" 2>&1 </dev/null &
echo $! >"$RUN_DIR/0-devstack.pid"
for _ in $(seq 1 "$READY_TIMEOUT"); do
  [[ -f "$PHISHFENCE_HOME/devstack.env" ]] && break
  alive "$RUN_DIR/0-devstack.pid" || fail "PostgreSQL/Kafka failed to start." "$LOG_DIR/devstack.log"
  sleep 1
done
[[ -f "$PHISHFENCE_HOME/devstack.env" ]] || fail "PostgreSQL/Kafka not ready after ${READY_TIMEOUT}s." "$LOG_DIR/devstack.log"
set -a
# shellcheck disable=SC1091
source "$PHISHFENCE_HOME/devstack.env"
set +a

# One session key for every web instance, kept so that a restart keeps people logged in.
if [[ ! -s "$PHISHFENCE_HOME/session.key" ]]; then
  (umask 077; head -c 32 /dev/urandom | base64 >"$PHISHFENCE_HOME/session.key")
fi
# The key that seals stored secrets such as webhook URLs (ADR 0018): kept, or they could not be read again.
if [[ ! -s "$PHISHFENCE_HOME/secrets.key" ]]; then
  (umask 077; head -c 32 /dev/urandom | base64 >"$PHISHFENCE_HOME/secrets.key")
fi

# --- the three services ---------------------------------------------------------------------------
# A common pool of at least two threads, also on two cores: ADR 0021.
start_service() {
  local name=$1 port=$2; shift 2
  env QUARKUS_HTTP_PORT="$port" "$@" setsid nohup java -Xmx384m -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar" \
    >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/1-$name.pid"
}
start_service ingest-service "$INGEST_PORT" PHISHFENCE_INGEST_SMTP_PORT="$SMTP_PORT"
start_service monitor-service "$MONITOR_PORT"
# Account mail (sign-up verification, password reset, invitations) goes to the web-app log unless
# PHISHFENCE_WEB_MAIL_MOCK=false and PHISHFENCE_WEB_MAIL_HOST/_PORT name an SMTP server; each mail's link is logged
# either way, so that the demo seeding (and a developer) can follow it.
start_service web-app "$WEB_PORT" \
  QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="$(cat "$PHISHFENCE_HOME/session.key")" \
  PHISHFENCE_WEB_SECRETS_KEY="$(cat "$PHISHFENCE_HOME/secrets.key")" \
  PHISHFENCE_WEB_INGEST_URL="${PHISHFENCE_WEB_INGEST_URL:-http://localhost:$INGEST_PORT}" \
  PHISHFENCE_WEB_ACCOUNT_PUBLIC_URL="${PHISHFENCE_WEB_ACCOUNT_PUBLIC_URL:-http://localhost:$WEB_PORT}" \
  PHISHFENCE_WEB_ACCOUNT_LOG_LINKS=true \
  PHISHFENCE_WEB_MAIL_MOCK="${PHISHFENCE_WEB_MAIL_MOCK:-true}"

wait_ready() {
  local name=$1 port=$2
  for _ in $(seq 1 "$READY_TIMEOUT"); do
    curl -fsS -o /dev/null "http://localhost:$port/q/health/ready" 2>/dev/null && return 0
    alive "$RUN_DIR/1-$name.pid" || fail "$name exited during start-up." "$LOG_DIR/$name.log"
    sleep 1
  done
  fail "$name not ready after ${READY_TIMEOUT}s." "$LOG_DIR/$name.log"
}
wait_ready ingest-service "$INGEST_PORT"
wait_ready monitor-service "$MONITOR_PORT"
wait_ready web-app "$WEB_PORT"
ready_after=$(( $(date +%s) - started_at ))

if $demo; then
  "$ROOT/deploy/local/seed-demo.sh" "http://localhost:$WEB_PORT" "http://localhost:$INGEST_PORT" \
    || fail "Seeding the demo tenant failed." ""
fi

cat <<MSG

PhishFence is ready (${ready_after}s).
  Web app         http://localhost:$WEB_PORT/
  Ingest (HTTPS)  http://localhost:$INGEST_PORT/tlsrpt/{token}
  Monitor         http://localhost:$MONITOR_PORT/q/health
  Health          http://localhost:{$WEB_PORT,$INGEST_PORT,$MONITOR_PORT}/q/health/ready
  Logs            $LOG_DIR/
  Data            $PHISHFENCE_HOME/
MSG
if [[ -f "$PHISHFENCE_HOME/demo.env" ]]; then
  echo "  Demo log-in     see $PHISHFENCE_HOME/demo.env"
fi

if $detach; then
  echo "Stop it with deploy/local/stop.sh"
  exit 0
fi
echo "Press Ctrl-C to stop."
while true; do
  for pidfile in "$RUN_DIR"/*.pid; do
    alive "$pidfile" || fail "$(basename "$pidfile" .pid | cut -d- -f2-) stopped unexpectedly." \
      "$LOG_DIR/$(basename "$pidfile" .pid | cut -d- -f2-).log"
  done
  sleep 2
done
