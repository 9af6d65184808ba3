#!/usr/bin/env bash
# Logical backup of every service schema: one pg_dump (custom format) per schema, all taken from ONE exported
# snapshot, plus a manifest of every table's row count and content checksum read in that same snapshot, so a
# restore can prove it brought back exactly what was dumped (deploy/backup/restore.sh checks it).
#
# Usage: deploy/backup/backup.sh [schema ...]          (default: every service schema)
# Connection: the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD or PGPASSFILE, PGSSLMODE);
#             PGDATABASE defaults to aifa. Use pg_dump of the server's major version or newer (17 in production:
#             run it inside the postgres:17 container or from a host with postgresql-client-17).
# Output:     $BACKUP_DIR/<UTC time>/<schema>.dump and manifest.tsv; BACKUP_KEEP newest backups are kept (default 14).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

export PGDATABASE="${PGDATABASE:-aifa}"
backup_root="${BACKUP_DIR:-./backups}"
keep="${BACKUP_KEEP:-14}"
if [ "$#" -gt 0 ]; then schemas=("$@"); else schemas=("${AIFA_SCHEMAS[@]}"); fi
for schema in "${schemas[@]}"; do aifa_valid_identifier "$schema"; done
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || aifa_fail "BACKUP_KEEP must be a positive number, not '$keep'"
aifa_require pg_dump psql

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$backup_root/$stamp"
partial="$backup_root/.partial-$stamp"
mkdir -p "$partial"
trap 'rm -rf "$partial"' EXIT

# A session that holds a repeatable-read snapshot open while the dumps run; pg_dump --snapshot joins it.
coproc SNAPSHOT { psql -X -q -A -t -v ON_ERROR_STOP=1 2>&1; }
snapshot_ask() {
  printf '%s\n\\echo __end__\n' "$1" >&"${SNAPSHOT[1]}"
  local line answer=()
  while IFS= read -r -t 600 line <&"${SNAPSHOT[0]}"; do
    if [ "$line" = "__end__" ]; then
      [ "${#answer[@]}" -eq 0 ] || printf '%s\n' "${answer[@]}"
      return 0
    fi
    answer+=("$line")
  done
  printf '%s\n' "${answer[@]}" >&2
  aifa_fail "the snapshot session failed"
}
snapshot_ask "SET TimeZone = 'UTC'; SET extra_float_digits = 1; BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;" >/dev/null
snapshot="$(snapshot_ask "SELECT pg_export_snapshot();")"
[[ "$snapshot" =~ ^[0-9A-F-]+$ ]] || aifa_fail "could not export a snapshot: $snapshot"

server_version="$(snapshot_ask "SHOW server_version;")"
{
  printf '# aifa logical backup\tdatabase=%s\tserver=%s\ttaken=%s\tsnapshot=%s\n' "$PGDATABASE" "$server_version" "$stamp" "$snapshot"
  printf 'schema\ttable\trows\tchecksum\n'
} >"$partial/manifest.tsv"

for schema in "${schemas[@]}"; do
  exists="$(snapshot_ask "SELECT count(*) FROM pg_namespace WHERE nspname = '$schema';")"
  [ "$exists" = "1" ] || aifa_fail "schema $schema does not exist in $PGDATABASE"
  echo "backup: dumping schema $schema"
  pg_dump --format=custom --compress=6 --schema="$schema" --snapshot="$snapshot" --no-sync \
    --file="$partial/$schema.dump"
  # the same row-level fingerprint as restore.sh, read inside the dump's snapshot
  snapshot_ask "$(aifa_fingerprint_sql "$schema")" >>"$partial/manifest.tsv"
done
snapshot_ask "COMMIT;" >/dev/null
printf '\\q\n' >&"${SNAPSHOT[1]}" || true

mv "$partial" "$target"
trap - EXIT
echo "backup: $target ($(($(wc -l <"$target/manifest.tsv") - 2)) tables)"

# retention: keep the newest $keep backups
mapfile -t old < <(find "$backup_root" -mindepth 1 -maxdepth 1 -type d -name '20*Z' | sort -r | tail -n +"$((keep + 1))")
for directory in "${old[@]}"; do
  rm -rf "$directory"
  echo "backup: removed old backup $directory"
done
