#!/bin/sh
# One-shot (temporalio/admin-tools): bring Temporal's databases to the schema version
# shipped with this admin-tools release. Safe on every `up`: setup-schema skips an
# already-initialised database and update-schema applies only newer versions, which is
# also how a Temporal image upgrade migrates the schema.
# Connection comes from SQL_PLUGIN/SQL_HOST/SQL_PORT/SQL_USER/SQL_PASSWORD (compose).
# The databases are created by deploy/postgres/init-databases.sh; the temporal role has
# no CREATEDB, so `temporal-sql-tool create-database` is intentionally not used.
set -eu
root=/etc/temporal/schema/postgresql/v12

migrate() { # $1 database, $2 schema family (temporal | visibility)
  echo "temporal schema: $1"
  temporal-sql-tool --db "$1" setup-schema -v 0.0
  temporal-sql-tool --db "$1" update-schema -d "$root/$2/versioned"
}

migrate "${DBNAME:-temporal}" temporal
migrate "${VISIBILITY_DBNAME:-temporal_visibility}" visibility
echo "temporal schema: up to date"
