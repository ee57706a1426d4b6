#!/usr/bin/env bash
# Latency of the domain page (and the overview and the API summary) with a year of reports: 365 days x 50
# senders x 20 domains = 365,000 reports for one tenant. Sequential requests with curl, after a warm-up;
# prints p50/p95/p99. Results go in docs/benchmarks.md. Not a test: it judges nothing.
#
#   bench/domain-page.sh [requests per page, default 200]     (needs psql: apt-get install postgresql-client)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
REQUESTS=${1:-200}
WARMUP=30
DOMAINS=20 SENDERS=50 DAYS=365

export PHISHFENCE_HOME=$ROOT/target/bench-web
export PHISHFENCE_WEB_PORT=28080 PHISHFENCE_INGEST_PORT=28081 PHISHFENCE_MONITOR_PORT=28082 PHISHFENCE_SMTP_PORT=22525
export PHISHFENCE_POSTGRES_PORT=25433 PHISHFENCE_KAFKA_PORT=29092 PHISHFENCE_KAFKA_CONTROLLER_PORT=29093
WEB=http://localhost:$PHISHFENCE_WEB_PORT
JAR=$(mktemp)

cleanup() {
  rm -f "$JAR"
  "$ROOT/deploy/local/stop.sh" --quiet || true
}
trap cleanup EXIT

# BENCH_SKIP_BUILD=1 reuses what is in target/ (after a build of the current tree).
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  echo "== building"
  mvn -B -q -DskipTests package
fi

echo "== starting the local stack with the demo tenant"
"$ROOT/deploy/local/stop.sh" --quiet
rm -rf "$PHISHFENCE_HOME"
deploy/local/run.sh --detach --demo >/dev/null
set -a; source "$PHISHFENCE_HOME/devstack.env"; source "$PHISHFENCE_HOME/demo.env"; set +a
# jdbc:postgresql://host:port/db?... -> what psql takes
PG_URL=${QUARKUS_DATASOURCE_JDBC_URL#jdbc:}
PG_URL=${PG_URL%%\?*}
psql_() { PGPASSWORD=$QUARKUS_DATASOURCE_PASSWORD psql -q -v ON_ERROR_STOP=1 "${PG_URL/postgresql:\/\//postgresql://$QUARKUS_DATASOURCE_USERNAME@}" "$@"; }

echo "== adding $DOMAINS domains through the API"
for d in $(seq -w 1 "$DOMAINS"); do
  status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $API_TOKEN" \
    -H 'Content-Type: application/json' -d "{\"name\": \"bench-$d.example\"}" "$WEB/api/v1/domains")
  [[ "$status" == 201 ]] || { echo "adding bench-$d.example answered $status" >&2; exit 1; }
done

echo "== writing $((DAYS * SENDERS * DOMAINS)) reports straight into the database, then their roll-ups"
# Straight into PostgreSQL: sending 365,000 reports through ingest and Kafka measures ingest, not this page.
# The roll-ups are then computed from tls_report as migration V11 computes them for older reports.
started=$(date +%s)
psql_ -v tenant="$(psql_ -Atc "select tenant_id from web.account where email = '$PHISHFENCE_DEMO_EMAIL'")" <<SQL
set search_path = web;
insert into tls_report (id, tenant_id, policy_domain, organization_name, report_id, start_at, end_at, channel,
                        received_at, successful_sessions, failed_sessions, report_json, raw_content_type, raw)
select gen_random_uuid(), :'tenant', domain, sender, report_id, day, day + interval '23:59:59', 'https',
       day + interval '1 day 2 hours', ok, failed, json, 'application/tlsrpt+json', convert_to(json, 'UTF8')
from (
  select 'bench-' || lpad(d::text, 2, '0') || '.example' as domain, 'Sender ' || s || ' (bench data)' as sender,
         'bench-' || d || '-' || s || '-' || n as report_id,
         (current_date - n)::timestamp at time zone 'UTC' as day,
         1000 + (s * 7 + n) % 500 as ok, case when (s + n) % 10 = 0 then 1 + (s + n) % 40 else 0 end as failed,
         d, s, n
  from generate_series(1, $DOMAINS) d, generate_series(1, $SENDERS) s, generate_series(1, $DAYS) n
) r,
lateral (select json_build_object(
    'organization-name', sender, 'report-id', report_id,
    'date-range', json_build_object('start-datetime', day, 'end-datetime', day + interval '23:59:59'),
    'policies', json_build_array(json_build_object(
        'policy', json_build_object('policy-type', 'sts', 'policy-domain', domain, 'mx-host', json_build_array('mx1.' || domain)),
        'summary', json_build_object('total-successful-session-count', ok, 'total-failure-session-count', failed),
        'failure-details', case when failed = 0 then '[]'::json else json_build_array(json_build_object(
            'result-type', case when s % 3 = 0 then 'certificate-expired' else 'starttls-not-supported' end,
            'receiving-mx-hostname', 'mx' || (1 + s % 2) || '.' || domain, 'receiving-ip', '192.0.2.' || (1 + s % 2),
            'failed-session-count', failed)) end)))::text as json) j;

delete from report_daily where tenant_id = :'tenant';
delete from report_daily_failure where tenant_id = :'tenant';
insert into report_daily (tenant_id, domain, day, organization_name, reports, successful_sessions, failed_sessions)
select tenant_id, policy_domain, (start_at at time zone 'UTC')::date, organization_name, count(*),
       sum(successful_sessions), sum(failed_sessions)
from tls_report where tenant_id = :'tenant' and policy_domain is not null group by 1, 2, 3, 4;
insert into report_daily_failure (tenant_id, domain, day, organization_name, result_type, receiving_mx_hostname,
                                  receiving_ip, failed_sessions)
select r.tenant_id, r.policy_domain, (r.start_at at time zone 'UTC')::date, r.organization_name,
       coalesce(d ->> 'result-type', ''), coalesce(d ->> 'receiving-mx-hostname', ''), coalesce(d ->> 'receiving-ip', ''),
       sum(coalesce((d ->> 'failed-session-count')::bigint, 0))
from tls_report r, jsonb_array_elements(r.report_json::jsonb -> 'policies') p,
     jsonb_array_elements(coalesce(p -> 'failure-details', '[]'::jsonb)) d
where r.tenant_id = :'tenant' and r.policy_domain is not null group by 1, 2, 3, 4, 5, 6, 7;
-- A year-old database has long been vacuumed: pages all-visible, as autovacuum leaves them.
vacuum analyze;
SQL
echo "   $(( $(date +%s) - started )) s; $(psql_ -Atc "select count(*) from web.tls_report") reports," \
  "$(psql_ -Atc "select count(*) from web.report_daily") daily roll-up rows"

# The log-in form carries a CSRF token too (log-in CSRF): read it from the form first, in the same cookie jar.
login_csrf=$(curl -fsS -b "$JAR" -c "$JAR" "$WEB/login" | grep -o 'name="csrf-token" value="[^"]*"' | head -n1 |
  sed 's/.*value="//; s/"$//')
location=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -b "$JAR" -c "$JAR" \
  --data-urlencode "csrf-token=$login_csrf" --data-urlencode "j_username=$PHISHFENCE_DEMO_EMAIL" \
  --data-urlencode "j_password=$PHISHFENCE_DEMO_PASSWORD" "$WEB/j_security_check")
[[ "$location" == 302* && "$location" != *error* ]] || { echo "log-in answered $location" >&2; exit 1; }

measure() { # name url [curl args...]
  local name=$1 url=$2; shift 2
  local status
  status=$(curl -sS -o /dev/null -w '%{http_code}' "$@" "$url")
  [[ "$status" == 200 ]] || { echo "$url answered $status" >&2; exit 1; }
  for _ in $(seq 1 "$WARMUP"); do curl -sS -o /dev/null "$@" "$url"; done
  for _ in $(seq 1 "$REQUESTS"); do curl -sS -o /dev/null -w '%{time_total}\n' "$@" "$url"; done | sort -n |
    awk -v name="$name" '{ t[NR] = $1 * 1000 } END {
      printf "| %s | %d | %.1f ms | %.1f ms | %.1f ms |\n", name, NR, t[int(NR * 0.50)], t[int(NR * 0.95)], t[int(NR * 0.99)] }'
}

echo "== $REQUESTS sequential requests per page after $WARMUP warm-up requests"
echo "| page | requests | p50 | p95 | p99 |"
echo "| --- | ---: | ---: | ---: | ---: |"
measure "domain page (30 days)" "$WEB/domains/bench-07.example" -b "$JAR"
measure "domain page (365 days)" "$WEB/domains/bench-07.example?days=365" -b "$JAR"
measure "report panel, htmx (365 days)" "$WEB/domains/bench-07.example/reports/insights?days=365" -b "$JAR" -H 'HX-Request: true'
measure "overview (22 domains)" "$WEB/overview" -b "$JAR"
measure "API summary (365 days)" "$WEB/api/v1/domains/bench-07.example/summary?from=$(date -u -d '364 days ago' +%F)" \
  -H "Authorization: Bearer $API_TOKEN"
