#!/bin/bash
# Sends the messages of phishfence.dead-letter back to the topics they came from, once the cause of their
# failure is fixed. Runs wherever Kafka's command-line tools are (the apache/kafka image: /opt/kafka/bin).
#
#   KAFKA_BOOTSTRAP_SERVERS=kafka:9092 replay-dead-letter.sh            replay what was not replayed yet
#   KAFKA_BOOTSTRAP_SERVERS=kafka:9092 replay-dead-letter.sh --dry-run  show what would be replayed
#
# Progress is the offset of the consumer group phishfence-dead-letter-replay, committed only after the
# messages were sent, so a failed run sends them again next time (the services store idempotently). Each
# message goes to the topic of its event type; one that is not an event is written to a file and not sent.
# See docs/operations.md.
set -euo pipefail

BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}
GROUP=${REPLAY_GROUP:-phishfence-dead-letter-replay}
DEAD_LETTER=phishfence.dead-letter
dry_run=false
[[ "${1:-}" == "--dry-run" ]] && dry_run=true

topic_of() {
  case "$1" in
    tlsrpt.received) echo phishfence.tlsrpt-reports ;;
    domain.checked) echo phishfence.domain-checks ;;
    *) echo "" ;;
  esac
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tab=$'\t'

# One line per message: Offset:N <tab> key <tab> value (events are single-line JSON).
"$KAFKA_BIN/kafka-console-consumer.sh" --bootstrap-server "$BOOTSTRAP" --topic "$DEAD_LETTER" \
  --group "$GROUP" --from-beginning --timeout-ms "${REPLAY_WAIT_MS:-30000}" \
  --consumer-property enable.auto.commit=false \
  --property print.offset=true --property print.key=true --property key.separator="$tab" \
  >"$work/dead-letters" 2>"$work/consumer.log" || true

if [[ ! -s "$work/dead-letters" ]]; then
  echo "Nothing to replay: group $GROUP has seen every dead letter."
  exit 0
fi

last_offset=-1
unroutable=0
while IFS="$tab" read -r offset key value; do
  offset=${offset#Offset:}
  last_offset=$offset
  type=$(grep -o '"type" *: *"[^"]*"' <<<"$value" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/' || true)
  topic=$(topic_of "$type")
  if [[ -z "$topic" ]]; then
    unroutable=$((unroutable + 1))
    printf '%s\t%s\t%s\n' "$offset" "$key" "$value" >>"$work/unroutable"
    continue
  fi
  printf '%s\t%s\n' "$key" "$value" >>"$work/$topic"
done <"$work/dead-letters"

for file in "$work"/phishfence.*; do
  [[ -e "$file" ]] || continue
  topic=$(basename "$file")
  count=$(wc -l <"$file")
  if $dry_run; then
    echo "would send $count message(s) to $topic"
    continue
  fi
  "$KAFKA_BIN/kafka-console-producer.sh" --bootstrap-server "$BOOTSTRAP" --topic "$topic" \
    --producer-property acks=all --producer-property enable.idempotence=true \
    --property parse.key=true --property key.separator="$tab" <"$file"
  echo "sent $count message(s) to $topic"
done
if ((unroutable > 0)); then
  kept=unroutable-dead-letters-$(date -u +%Y%m%dT%H%M%SZ).tsv
  $dry_run || cp "$work/unroutable" "$kept"
  echo "$unroutable message(s) are not events PhishFence can route$($dry_run || echo ": written to $kept"); not sent."
fi

if $dry_run; then
  echo "Dry run: nothing sent, group $GROUP unchanged."
  exit 0
fi
"$KAFKA_BIN/kafka-consumer-groups.sh" --bootstrap-server "$BOOTSTRAP" --group "$GROUP" \
  --topic "$DEAD_LETTER:0" --reset-offsets --to-offset $((last_offset + 1)) --execute >/dev/null
echo "Replayed up to offset $last_offset of $DEAD_LETTER."
