#!/bin/sh
# Brings Temporal's two databases to the schema its server version ships, on every start:
# setup-schema skips an already-initialised database and update-schema applies only newer
# versions, which is also how a server upgrade migrates the schema.
# Run by docker compose (temporal-schema, in temporalio/admin-tools) and by TEMPORAL_MODE=cluster
# (platform/temporal-cluster.ts, with the temporal-sql-tool it builds): one script for both.
# The schemas are the ones embedded in temporal-sql-tool (--schema-name), so the tool's version
# decides them: keep it the server's.
# Connection from SQL_PLUGIN/SQL_HOST/SQL_PORT/SQL_USER/SQL_PASSWORD. The databases must exist
# (deploy/postgres/init-databases.sh for compose; the cluster mode creates them): the temporal
# role has no CREATEDB, so `temporal-sql-tool create-database` is intentionally not used.
set -eu
tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"

migrate() { # $1 database, $2 schema family (temporal | visibility)
  echo "temporal schema: $1"
  "$tool" --db "$1" setup-schema -v 0.0
  "$tool" --db "$1" update-schema --schema-name "postgresql/v12/$2"
}

migrate "${DBNAME:-temporal}" temporal
migrate "${VISIBILITY_DBNAME:-temporal_visibility}" visibility
echo "temporal schema: up to date"
