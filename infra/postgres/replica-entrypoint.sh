#!/bin/sh
# The replica: on first start, a base backup of the primary (-R: standby.signal + primary_conninfo), then
# PostgreSQL as a hot standby following the primary's WAL stream. Read-only; promote with `pg_ctl promote`.
set -eu
PGDATA=${PGDATA:-/var/lib/postgresql/data}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h postgres -p 5432 -q; do sleep 1; done
  pg_basebackup -h postgres -p 5432 -U replicator -D "$PGDATA" -R -X stream -c fast -P
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on
