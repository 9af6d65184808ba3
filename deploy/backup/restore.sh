#!/usr/bin/env bash
# Restores a backup taken by backup.sh into a database that holds none of its schemas' tables yet (a fresh server,
# or a new database beside the damaged one), then proves it: every table's row count and checksum must equal the
# manifest's. Exits non-zero on any difference.
#
# Usage: deploy/backup/restore.sh <backup directory> [schema ...]     (default: every schema in the backup)
# Connection: the libpq environment for a user allowed to create roles (PGHOST, PGPORT, PGUSER, PGPASSWORD);
#             PGDATABASE (default aifa) is created when missing. The service roles are (re)created first by
#             deploy/postgres/initdb/10-service-roles.sh, so their passwords must be in the environment
#             (<SCHEMA>_DB_PASSWORD, PGBOUNCER_AUTH_PASSWORD: from Secrets Manager or the host's .env).
# RESTORE_FORCE=1 replaces schemas that already hold tables (never needed for a drill or a fresh server).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

[ "$#" -ge 1 ] || aifa_fail "usage: restore.sh <backup directory> [schema ...]"
backup="$1"
shift
[ -f "$backup/manifest.tsv" ] || aifa_fail "$backup holds no manifest.tsv: not a backup taken by backup.sh"
if [ "$#" -gt 0 ]; then
  schemas=("$@")
else
  mapfile -t schemas < <(find "$backup" -maxdepth 1 -name '*.dump' -printf '%f\n' | sed 's/\.dump$//' | sort)
fi
[ "${#schemas[@]}" -gt 0 ] || aifa_fail "$backup holds no dumps"
for schema in "${schemas[@]}"; do
  aifa_valid_identifier "$schema"
  [ -f "$backup/$schema.dump" ] || aifa_fail "$backup has no dump of schema $schema"
done
aifa_require pg_restore psql

export PGDATABASE="${PGDATABASE:-aifa}"
database="$PGDATABASE"
aifa_valid_identifier "$database"

psql_admin() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

if [ "$(PGDATABASE=postgres psql_admin -c "SELECT count(*) FROM pg_database WHERE datname = '$database'")" = "0" ]; then
  echo "restore: creating database $database"
  PGDATABASE=postgres psql_admin -c "CREATE DATABASE \"$database\""
fi

for schema in "${schemas[@]}"; do
  tables="$(psql_admin -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$schema' AND c.relkind IN ('r','p')")"
  if [ "$tables" != "0" ] && [ "${RESTORE_FORCE:-0}" != "1" ]; then
    aifa_fail "schema $schema in $database already holds $tables tables; restore into a fresh database or set RESTORE_FORCE=1"
  fi
done

echo "restore: service roles"
POSTGRES_DB="$database" POSTGRES_USER="${PGUSER:-postgres}" "$here/../postgres/initdb/10-service-roles.sh"

for schema in "${schemas[@]}"; do
  echo "restore: schema $schema"
  # --clean drops the empty schema the role script created, so the dump recreates it with its owner and grants
  pg_restore --dbname="$database" --clean --if-exists --exit-on-error --single-transaction "$backup/$schema.dump"
done

echo "restore: verifying row counts and checksums against the manifest"
expected="$(mktemp)"
actual="$(mktemp)"
trap 'rm -f "$expected" "$actual"' EXIT
pattern="$(printf '%s|' "${schemas[@]}")"
awk -F'\t' -v pattern="^(${pattern%|})$" 'NR > 2 && $1 ~ pattern' "$backup/manifest.tsv" | sort >"$expected"
for schema in "${schemas[@]}"; do
  { echo "SET TimeZone = 'UTC'; SET extra_float_digits = 1;"; aifa_fingerprint_sql "$schema"; } | psql_admin
done | sed '/^$/d' | sort >"$actual"

if ! diff_output="$(diff "$expected" "$actual")"; then
  echo "restore: MISMATCH between the backup's manifest (<) and the restored database (>):" >&2
  echo "$diff_output" >&2
  exit 2
fi
echo "restore: $(wc -l <"$actual") tables restored into $database; row counts and checksums match the backup"
