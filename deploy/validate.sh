#!/usr/bin/env bash
# Checks what can be checked of deploy/ on a machine without Docker or Kubernetes: YAML syntax, the Kubernetes
# manifests against the Kubernetes API schemas, the Compose file against the Compose Specification, the
# Dockerfile with a linter, and the shell scripts with shellcheck when it is installed. Needs Node.js 18+ and
# npm (installs its checkers into deploy/validate/node_modules once). Not part of `mvn verify`.
# What it cannot show (images build, containers start, a cluster accepts it): docs/operations.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ ! -d "$here/validate/node_modules" ]]; then
  (cd "$here/validate" && npm install --no-audit --no-fund --no-package-lock --silent)
fi
node "$here/validate/validate.mjs"

if command -v shellcheck >/dev/null; then
  shellcheck "$here"/k8s/create-topics.sh "$here"/docker/healthcheck.sh "$here"/validate.sh "$here"/scale-out/*.sh \
    && echo "ok    shell scripts (shellcheck)"
else
  echo "skip  shell scripts: shellcheck not installed (apt-get install shellcheck)"
fi
