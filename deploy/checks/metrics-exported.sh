#!/usr/bin/env bash
# Reports every metric a dashboard (deploy/grafana/dashboards) or alert rule (deploy/prometheus/rules) queries that
# no service of the RUNNING platform exports. Start the platform first (deploy/local/run --detach), then:
#
#   deploy/checks/metrics-exported.sh [--strict] [--host HOST] [service=port ...]
#
# Needs deploy/checks/target/deploy-checks.jar (built by ./mvnw verify or ./mvnw -pl deploy/checks package).
# Exit status: 0 every queried metric is exported, 1 some are missing, 2 a service could not be scraped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/deploy/checks/target/deploy-checks.jar"
if [ ! -f "$jar" ]; then
  echo "metrics-exported: $jar is missing; build it with ./mvnw -pl deploy/checks package" >&2
  exit 2
fi
# shellcheck source=../local/jdk.sh
source "$root/deploy/local/jdk.sh"
aifa_find_jdk
exec "$JAVA_HOME/bin/java" -jar "$jar" --root "$root" "$@"
