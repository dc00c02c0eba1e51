#!/usr/bin/env bash
# Stops the server .ci/postgres.sh started (ECRM_POSTGRES_DATA names its folder).
[ -n "${ECRM_POSTGRES_DATA:-}" ] && [ -d "$ECRM_POSTGRES_DATA/db" ] || exit 0
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$ECRM_POSTGRES_DATA/db" stop -m fast >/dev/null 2>&1 || true
else "$bin/pg_ctl" -D "$ECRM_POSTGRES_DATA/db" stop -m fast >/dev/null 2>&1 || true; fi
rm -rf "$ECRM_POSTGRES_DATA"
