#!/bin/sh
# What the official image's entrypoint does on a first start, in short: an empty data
# directory gets a cluster owned by POSTGRES_USER (password POSTGRES_PASSWORD), password
# logins from any address and the database POSTGRES_DB; then the server runs in front.
set -eu
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pwfile=$(mktemp)
    printf '%s\n' "${POSTGRES_PASSWORD:?the official image refuses to start without it}" >"$pwfile"
    initdb -D "$PGDATA" --username="$user" --pwfile="$pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
    if [ "$db" != postgres ]; then
        # Meanwhile the server listens on a private socket only, so that the health check
        # (pg_isready on the usual socket) waits for the real start.
        private=$(mktemp -d)
        pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=$private" \
            -w start >/dev/null
        # From standard input: psql fills in :"db" (quoted as an identifier) only there.
        echo 'CREATE DATABASE :"db";' | psql -v ON_ERROR_STOP=1 -q --host="$private" \
            --username="$user" --dbname=postgres --set=db="$db"
        pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    fi
fi
exec postgres -D "$PGDATA"
