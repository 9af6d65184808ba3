#!/usr/bin/env bash
# One login role per service, each owning only its own schema (run once by the postgres image on an empty cluster,
# from /docker-entrypoint-initdb.d; `deploy/backup/restore.sh` runs it too before restoring into a fresh server).
#
# Passwords come from the environment: <SCHEMA>_DB_PASSWORD (SUBSCRIPTION_DB_PASSWORD, BILLING_DB_PASSWORD, …) and
# PGBOUNCER_AUTH_PASSWORD. Connection: the image's POSTGRES_USER / POSTGRES_DB over its socket, or PGHOST/PGPORT.
set -euo pipefail

schemas=(subscription billing enterprise institutional_api analytics monitoring queue_monitor dashboard_hub)
database="${POSTGRES_DB:-aifa}"
admin="${POSTGRES_USER:-postgres}"

for schema in "${schemas[@]}"; do
  variable="${schema^^}_DB_PASSWORD"
  if [ -z "${!variable:-}" ]; then
    echo "10-service-roles: $variable is not set" >&2
    exit 1
  fi
done
: "${PGBOUNCER_AUTH_PASSWORD:?10-service-roles: PGBOUNCER_AUTH_PASSWORD is not set}"

export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

sql() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$admin" --dbname "$database" "$@"
}

sql -v database="$database" <<'SQL'
-- Nothing is granted to PUBLIC: a role reaches only what is granted to it below.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aifa_service') THEN
    CREATE ROLE aifa_service NOLOGIN;
  END IF;
END $$;
SQL

for schema in "${schemas[@]}"; do
  variable="${schema^^}_DB_PASSWORD"
  sql -v role="$schema" -v password="${!variable}" -v database="$database" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password' CONNECTION LIMIT 60;
GRANT aifa_service TO :"role";
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO :"role";
CREATE SCHEMA IF NOT EXISTS :"role" AUTHORIZATION :"role";
ALTER SCHEMA :"role" OWNER TO :"role";
REVOKE ALL ON SCHEMA :"role" FROM PUBLIC;
-- pgbouncer pools per user, so every pooled server connection of this role starts in its own schema
ALTER ROLE :"role" SET search_path = :"role";
SQL
done

# pgbouncer authenticates clients through this lookup (auth_query) instead of a file holding every password;
# it can read only the SCRAM secrets of service roles, never those of postgres or itself.
sql -v password="$PGBOUNCER_AUTH_PASSWORD" -v database="$database" <<'SQL'
SELECT 'CREATE ROLE pgbouncer_auth LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgbouncer_auth') \gexec
ALTER ROLE pgbouncer_auth WITH LOGIN PASSWORD :'password' CONNECTION LIMIT 5;
GRANT CONNECT ON DATABASE :"database" TO pgbouncer_auth;
CREATE SCHEMA IF NOT EXISTS pgbouncer AUTHORIZATION CURRENT_USER;
REVOKE ALL ON SCHEMA pgbouncer FROM PUBLIC;
GRANT USAGE ON SCHEMA pgbouncer TO pgbouncer_auth;
CREATE OR REPLACE FUNCTION pgbouncer.user_lookup(p_user text, OUT uname text, OUT phash text)
  RETURNS record LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$
    SELECT s.usename::text, s.passwd::text
      FROM pg_catalog.pg_shadow s
     WHERE s.usename = p_user
       AND pg_catalog.pg_has_role(s.usename, 'aifa_service', 'MEMBER')
       AND NOT s.usesuper
  $$;
REVOKE ALL ON FUNCTION pgbouncer.user_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgbouncer.user_lookup(text) TO pgbouncer_auth;
SQL

echo "10-service-roles: ${#schemas[@]} service roles, each limited to its own schema, and pgbouncer_auth"
