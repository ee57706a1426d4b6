#!/usr/bin/env bash
# Stops what deploy/local/run.sh started from $PHISHFENCE_HOME (default .phishfence/): the services
# first, then PostgreSQL and Kafka. Data stays.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PHISHFENCE_HOME=${PHISHFENCE_HOME:-$ROOT/.phishfence}
RUN_DIR=$PHISHFENCE_HOME/run
quiet=false
[[ "${1:-}" == "--quiet" ]] && quiet=true

shopt -s nullglob
pidfiles=("$RUN_DIR"/*.pid)
if [[ ${#pidfiles[@]} -eq 0 ]]; then
  $quiet || echo "Nothing to stop: no PhishFence processes recorded in $RUN_DIR."
  exit 0
fi

stop_pid() {
  local pid=$1 name=$2
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { $quiet || echo "stopped $name (pid $pid)"; return 0; }
    sleep 0.5
  done
  echo "$name (pid $pid) did not stop in 30s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null
}

# Services (1-*) before the infrastructure (0-*): reverse order of the file names.
for (( i=${#pidfiles[@]}-1; i>=0; i-- )); do
  pidfile=${pidfiles[$i]}
  stop_pid "$(cat "$pidfile")" "$(basename "$pidfile" .pid | cut -d- -f2-)"
  rm -f "$pidfile"
done
exit 0
