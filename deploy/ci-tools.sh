#!/usr/bin/env bash
# Installs every tool the deploy/ checks need, from Debian's packages and the npm registry only.
# Idempotent and non-interactive: CI calls it before `./mvnw verify`; running it twice changes nothing.
#
#   docker-compose  `docker-compose config` validates docker-compose.production.yml (no Docker engine needed)
#   nginx           `nginx -t` validates deploy/nginx with a throwaway certificate
#   prometheus      promtool: `check config`, `check rules`, `test rules`
#   alertmanager    amtool: `check-config` of deploy/alertmanager
#   postgresql      pg_dump/pg_restore/psql and a server of the same major version for the backup drill
#   pgbouncer       runs deploy/pgbouncer/pgbouncer.ini against that server (auth_query, transaction pooling)
#   redis-server    runs deploy/redis/redis.conf (AOF persistence, no eviction, keyspace notifications)
#   openssl, curl   the throwaway certificate, probing nginx over TLS, and the keys ComposeConfigTest puts in .env
#   chromium        the dashboards' browser journeys (Playwright drives the system Chromium, headless)
#   nodejs/npm      the CDK app's jsii runtime (aws-cdk-lib), the key generator's Lambda code (KeyMaterialTest) and
#                   the GitHub Actions schema validator
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(docker-compose nginx prometheus prometheus-alertmanager postgresql postgresql-client pgbouncer redis-server openssl curl chromium nodejs npm)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# nodejs and npm may come from elsewhere (a NodeSource build bundles npm): a working node and npm are enough
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"

if [ "${#missing[@]}" -gt 0 ]; then
  echo "ci-tools: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The packages' scripts would start nginx, Prometheus, Alertmanager and a PostgreSQL cluster as daemons;
  # the checks only need the binaries, so keep the daemons from starting while installing (policy-rc.d 101).
  policy=/usr/sbin/policy-rc.d
  own_policy=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    own_policy=true
  fi
  trap '[ "$own_policy" = true ] && rm -f "$policy"' EXIT
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "ci-tools: Debian packages already installed"
fi

# npm tools pinned by deploy/checks/package-lock.json, installed into deploy/checks/node_modules
if [ ! -x deploy/checks/node_modules/.bin/action-validator ] \
   || ! cmp -s deploy/checks/package-lock.json deploy/checks/node_modules/.aifa-installed-lock; then
  echo "ci-tools: installing npm tools of deploy/checks"
  npm ci --prefix deploy/checks --no-audit --no-fund --loglevel=error
  cp deploy/checks/package-lock.json deploy/checks/node_modules/.aifa-installed-lock
fi

for tool in docker-compose nginx promtool amtool pg_dump pg_restore psql pgbouncer redis-server openssl curl node; do
  command -v "$tool" >/dev/null || { echo "ci-tools: $tool is still missing" >&2; exit 1; }
done
echo "ci-tools: ready ($(promtool --version 2>&1 | head -1); $(docker-compose version --short); $(nginx -v 2>&1); $(pg_dump --version))"
