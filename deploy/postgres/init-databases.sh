#!/bin/sh
# Run by the postgres image once, on the first start of an empty data volume
# (/docker-entrypoint-initdb.d). Creates one login role per consumer and their databases:
#   carepact -> carepact            (application, knex migrations)
#   temporal -> temporal, temporal_visibility (schemas applied by deploy/temporal/setup-schema.sh)
# Passwords changed in .env later are NOT re-applied; use ALTER ROLE ... PASSWORD.
# No `set`/`exit`: the entrypoint may source this file instead of executing it.
: "${CAREPACT_DB_PASSWORD:?CAREPACT_DB_PASSWORD is required}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is required}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v carepact_pw="$CAREPACT_DB_PASSWORD" -v temporal_pw="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE carepact LOGIN PASSWORD :'carepact_pw';
CREATE ROLE temporal LOGIN PASSWORD :'temporal_pw';
CREATE DATABASE carepact OWNER carepact;
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
-- Owners keep full rights; nobody else may even connect across the app/Temporal boundary.
REVOKE ALL ON DATABASE carepact, temporal, temporal_visibility FROM PUBLIC;
SQL
