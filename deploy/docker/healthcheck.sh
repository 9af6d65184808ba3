#!/usr/bin/env bash
# Container health: HTTP 200 from the service's readiness group (database and Redis included).
# Uses bash's /dev/tcp so the runtime image needs neither curl nor wget.
# The actuator answers on the service's port, or on its management port where it has one (the gateway: Spring Boot's
# MANAGEMENT_SERVER_PORT, which the deployments set, so the service and this probe read the same variable).
set -euo pipefail
port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:?SERVER_PORT is not set}}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /actuator/health/readiness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 3 status <&3
case "$status" in
  "HTTP/1.1 200"*) exit 0 ;;
  *) echo "readiness: ${status:-no answer}" >&2; exit 1 ;;
esac
