#!/bin/bash
# Creates PhishFence's Kafka topics that do not exist yet; changes nothing on those that do. Runs in the
# apache/kafka image (the Kubernetes Job create-topics and the Compose service kafka-topics).
#
# events/src/main/java/io/phishfence/events/Topics.java is the list the services are built against;
# devstack's DeployedTopicsTest fails when a line below no longer matches it. Retention is the broker's
# default (7 days) except where set here; see docs/operations.md.
set -euo pipefail

BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}
REPLICATION_FACTOR=${REPLICATION_FACTOR:-3}
MIN_INSYNC_REPLICAS=${MIN_INSYNC_REPLICAS:-2}
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}

# Wait for the cluster: a Job may start before the brokers do.
for attempt in $(seq 1 60); do
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1 && break
  [[ $attempt == 60 ]] && { echo "Kafka at $BOOTSTRAP did not answer" >&2; exit 1; }
  sleep 5
done

# topic name, partitions, cleanup.policy, max.message.bytes, extra --config options
create() {
  local name=$1 partitions=$2 cleanup=$3 max_bytes=$4; shift 4
  local extra=()
  for config in "$@"; do extra+=(--config "$config"); done
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" \
    --config "cleanup.policy=$cleanup" --config "max.message.bytes=$max_bytes" \
    --config "min.insync.replicas=$MIN_INSYNC_REPLICAS" ${extra[@]+"${extra[@]}"}
}

create phishfence.tenants         3 compact 1048576
create phishfence.domains         6 compact 1048576
create phishfence.check-requests  6 delete  1048576
create phishfence.tlsrpt-reports  6 delete  33554432
create phishfence.domain-checks   6 delete  1048576
create phishfence.alerts          3 delete  1048576
# One-off checks without an account (ADR 0010): a day is plenty, their pages time out after minutes.
create phishfence.public-check-requests 3 delete 1048576 retention.ms=86400000
create phishfence.public-checks   3 delete  1048576 retention.ms=86400000
# Kept for 30 days, so that operators have time to look at a failed message and replay it.
create phishfence.dead-letter     1 delete  33554432 retention.ms=2592000000

echo "PhishFence topics present on $BOOTSTRAP"
