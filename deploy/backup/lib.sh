# Shared by backup.sh and restore.sh (sourced, not run).

# Every service schema, in the order the services start.
AIFA_SCHEMAS=(subscription billing enterprise institutional_api analytics monitoring queue_monitor dashboard_hub)

aifa_fail() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

aifa_require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || aifa_fail "$tool is not installed (Debian: apt-get install postgresql-client)"
  done
}

aifa_valid_identifier() {
  [[ "$1" =~ ^[a-z_][a-z0-9_]*$ ]] || aifa_fail "not a schema name: '$1'"
}

# One line per table of the schema: schema, table, row count, and an order-independent checksum of the rows' text
# (the sum of each row's md5 prefix as a 60-bit number), so two databases agree only if they hold the same rows.
# psql's \gexec runs one generated query per table, so it works inside a read-only snapshot.
# Run it with TimeZone UTC and the same extra_float_digits on both sides so timestamps and floats print alike.
aifa_fingerprint_sql() {
  local schema="$1"
  cat <<SQL
SELECT format(\$q\$SELECT %L || E'\\t' || %L || E'\\t' || count(*) || E'\\t' || coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint), 0) FROM ONLY %I.%I r\$q\$,
              ns.nspname, c.relname, ns.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
 WHERE ns.nspname = '$schema' AND c.relkind = 'r'
 ORDER BY c.relname \\gexec
SQL
}
