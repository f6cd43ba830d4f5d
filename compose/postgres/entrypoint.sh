#!/bin/sh
# Initialises PGDATA on the first start (superuser POSTGRES_USER with POSTGRES_PASSWORD, database
# POSTGRES_DB, password authentication for every remote client), then runs the server in the
# foreground. A PGDATA that already holds a cluster is used as it is.
set -eu

: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "postgres-entrypoint: initialising $PGDATA (superuser $user, database $db)" >&2
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    # on a socket of its own: neither clients nor the healthcheck (pg_isready) see this server
    socket="$(mktemp -d)"
    pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=$socket" -w start >/dev/null
    createdb --host="$socket" --username="$user" "$db"
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    rmdir "$socket"
  fi
fi
exec postgres -c listen_addresses='*'
