#!/usr/bin/env bash
# Writes the two benchmark reports for policy domain demo-shop.example into the given folder:
#   small.json(.gz)  the RFC 8460 example's size: about 2 KB of JSON, 650 B gzip
#   large.json.gz    about 14 KB gzip on the wire: one policy with many distinct failure details
set -euo pipefail
out=${1:?folder}
mkdir -p "$out"
domain=${2:-demo-shop.example}

detail() {
  local i=$1 reason
  # A distinct reason code per detail (a hash of its number) keeps gzip from folding them together.
  reason=$(printf '%d' "$i" | sha256sum | cut -c1-40)
  printf '{"result-type": "certificate-expired", "sending-mta-ip": "2001:db8:abcd:%04x::1", "receiving-mx-hostname": "mx%d.mail.%s", "receiving-ip": "203.0.113.%d", "failed-session-count": %d, "failure-reason-code": "X509_%s", "additional-information": "https://reports.sender.example/report_info?id=5065427c-23d3#%d"}' \
    "$i" "$i" "$domain" $((i % 250)) $((100 + i)) "$reason" "$i"
}

report() {
  local details=$1 id=$2 list="" i
  for ((i = 0; i < details; i++)); do
    [[ -n "$list" ]] && list+=", "
    list+=$(detail "$i")
  done
  cat <<JSON
{
  "organization-name": "Company-X",
  "date-range": {"start-datetime": "2026-04-01T00:00:00Z", "end-datetime": "2026-04-01T23:59:59Z"},
  "contact-info": "sts-reporting@company-x.example",
  "report-id": "$id",
  "policies": [{
    "policy": {
      "policy-type": "sts",
      "policy-string": ["version: STSv1", "mode: testing", "mx: *.mail.$domain", "max_age: 86400"],
      "policy-domain": "$domain",
      "mx-host": ["*.mail.$domain"]
    },
    "summary": {"total-successful-session-count": 5326, "total-failure-session-count": 303},
    "failure-details": [$list]
  }]
}
JSON
}

report 4 "5065427c-23d3-47ca-b6e0-946ea0e8c4be" >"$out/small.json"
report 340 "5065427c-23d3-47ca-b6e0-946ea0e8c4bf" >"$out/large.json"
gzip -9 -n -c "$out/small.json" >"$out/small.json.gz"
gzip -9 -n -c "$out/large.json" >"$out/large.json.gz"
wc -c "$out"/*
