#!/usr/bin/env bash
# Seeds, once, a demo tenant through the product's own front doors: signs up a demo user on the web app
# (confirming the address through the link the web app logs), adds example domains, creates an API token,
# and posts 30 days of generated TLS reports to the ingest service. Every report is marked as demo data in
# its organization name and report id. Writes $PHISHFENCE_HOME/demo.env.
#
#   deploy/local/seed-demo.sh <web base URL> <ingest base URL>
set -euo pipefail

WEB=${1:?web base URL}
INGEST=${2:?ingest base URL}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PHISHFENCE_HOME=${PHISHFENCE_HOME:-$ROOT/.phishfence}
DEMO_ENV=$PHISHFENCE_HOME/demo.env

if [[ -f "$DEMO_ENV" ]]; then
  echo "Demo tenant exists already ($DEMO_ENV)."
  exit 0
fi

EMAIL=demo@phishfence.localhost
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
JAR=$(mktemp)
trap 'rm -f "$JAR"' EXIT

csrf() { curl -fsS -b "$JAR" -c "$JAR" "$WEB$1" | grep -o 'name="csrf-token" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//'; }
post_form() {
  local page=$1 action=$2; shift 2
  local token; token=$(csrf "$page")
  curl -sS -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" --data-urlencode "csrf-token=$token" "$@" "$WEB$action"
}

echo "Seeding the demo tenant ($EMAIL)..."
status=$(post_form /signup /signup --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "organization=Demo Organization (demo data)")
[[ "$status" == 200 ]] || { echo "sign-up answered $status" >&2; exit 1; }

# The verification link: run.sh has the web app log each account mail's link (PHISHFENCE_WEB_ACCOUNT_LOG_LINKS).
WEB_LOG=$PHISHFENCE_HOME/logs/web-app.log
LINK=""
for _ in $(seq 1 60); do
  LINK=$({ grep -o "Account mail to $EMAIL ([^)]*): [^ ]*/verify?token=[A-Za-z0-9_-]*" "$WEB_LOG" || true; } | tail -n1 | sed 's/.*: //')
  [[ -n "$LINK" ]] && break
  sleep 0.5
done
[[ -n "$LINK" ]] || { echo "no verification link for $EMAIL in $WEB_LOG (does $EMAIL exist already? remove $PHISHFENCE_HOME to start over)" >&2; exit 1; }
VERIFY_PATH=/verify?${LINK#*\?}
status=$(post_form "$VERIFY_PATH" /verify --data-urlencode "token=${LINK##*token=}")
[[ "$status" == 303 ]] || { echo "verification answered $status" >&2; exit 1; }

status=$(post_form /login /j_security_check --data-urlencode "j_username=$EMAIL" --data-urlencode "j_password=$PASSWORD")
[[ "$status" == 302 ]] || { echo "log-in answered $status" >&2; exit 1; }

DOMAINS=(demo-shop.example demo-mail.example)
for domain in "${DOMAINS[@]}"; do
  status=$(post_form /domains /domains --data-urlencode "name=$domain")
  [[ "$status" == 303 ]] || { echo "adding $domain answered $status" >&2; exit 1; }
done

# An API token for the JSON API (Authorization: Bearer): shown once, on the page that creates it.
token_page=$(curl -fsS -b "$JAR" -c "$JAR" --data-urlencode "csrf-token=$(csrf /settings/tokens)" \
  --data-urlencode "name=Demo token" "$WEB/settings/tokens")
API_TOKEN=$(printf '%s' "$token_page" | grep -o 'id="new-token">[^<]*' | sed 's/.*>//')
[[ -n "$API_TOKEN" ]] || { echo "could not create the demo API token" >&2; exit 1; }

RUA_HTTPS=$(curl -fsS -b "$JAR" "$WEB/domains" | grep -o 'id="rua-https">[^<]*' | sed 's/.*>//')
TOKEN=${RUA_HTTPS##*/}
[[ -n "$TOKEN" ]] || { echo "could not read the rua address from $WEB/domains" >&2; exit 1; }

post_report() {
  local body=$1 status
  # A new tenant reaches the ingest service through Kafka within moments: retry until it knows the domain.
  for _ in $(seq 1 60); do
    status=$(printf '%s' "$body" | curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/tlsrpt+json' \
      --data-binary @- "$INGEST/tlsrpt/$TOKEN")
    case "$status" in
      201) return 0 ;;
      404|422|503) sleep 0.5 ;;
      *) echo "ingest answered $status" >&2; return 1 ;;
    esac
  done
  echo "ingest did not accept the demo report (last status $status)" >&2
  return 1
}

ORGS=("Google LLC (demo data)" "Microsoft Corporation (demo data)" "Mail.Ru (demo data)")
count=0
for days_ago in $(seq 30 -1 1); do
  day=$(date -u -d "$days_ago days ago" +%F)
  for domain in "${DOMAINS[@]}"; do
    for i in "${!ORGS[@]}"; do
      org=${ORGS[$i]}
      ok=$(( 800 + (days_ago * 37 + i * 101) % 400 ))
      failed=$(( (days_ago % 7 == 0 && i == 1) ? 40 + days_ago : (days_ago * 3 + i) % 4 ))
      details=""
      if (( failed > 0 )); then
        details=', "failure-details": [{"result-type": "certificate-expired", "sending-mta-ip": "192.0.2.'$((10 + i))'",
          "receiving-mx-hostname": "mx1.'$domain'", "failed-session-count": '$failed'}]'
      fi
      post_report '{"organization-name": "'"$org"'",
        "date-range": {"start-datetime": "'"$day"'T00:00:00Z", "end-datetime": "'"$day"'T23:59:59Z"},
        "contact-info": "tlsrpt@demo.invalid", "report-id": "demo-'"$day-$i-$domain"'",
        "policies": [{"policy": {"policy-type": "sts", "policy-string": ["version: STSv1", "mode: enforce",
          "mx: mx1.'$domain'", "max_age: 604800"], "policy-domain": "'$domain'", "mx-host": ["mx1.'$domain'"]},
          "summary": {"total-successful-session-count": '$ok', "total-failure-session-count": '$failed'}'"$details"'}]}'
      count=$((count + 1))
    done
  done
done

(umask 077; cat >"$DEMO_ENV" <<ENV
# Demo tenant seeded by deploy/local/run.sh --demo on $(date -u +%FT%TZ). Its reports are generated demo data.
PHISHFENCE_DEMO_EMAIL=$EMAIL
PHISHFENCE_DEMO_PASSWORD=$PASSWORD
PHISHFENCE_DEMO_RUA_TOKEN=$TOKEN
# curl -H "Authorization: Bearer \$API_TOKEN" $WEB/api/v1/domains
API_TOKEN=$API_TOKEN
ENV
)
echo "Demo tenant ready: $count demo reports for ${DOMAINS[*]}; log in with the credentials in $DEMO_ENV"
