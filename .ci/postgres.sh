#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1:55432 for the tests (installing it from the distribution's packages
# when missing) and prints the connection string. Usage: eval "$(bash .ci/postgres.sh)"
set -euo pipefail
port=${ECRM_POSTGRES_PORT:-55432}
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo "installing PostgreSQL from the distribution's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=$(mktemp -d /tmp/ecrm-pg-XXXXXX)
as_owner() { if [ "$(id -u)" = 0 ]; then chown -R postgres "$data"; runuser -u postgres -- "$@"; else "$@"; fi; }
as_owner "$bin/initdb" -D "$data/db" -A trust -U ecrm >&2
as_owner "$bin/pg_ctl" -D "$data/db" -l "$data/log" -w -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200" start >&2
echo "export ECRM_POSTGRES='Host=127.0.0.1;Port=$port;Username=ecrm;Database=postgres'"
echo "export ECRM_POSTGRES_DATA='$data'"
