#!/usr/bin/env bash
# Stops the server start.sh started and removes its files.
state="${1:-${EG_POSTGRES_STATE:-}}"
[[ -n "$state" && -d "$state" ]] || exit 0
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -d "$state/data" ]] && runuser -u postgres -- "$bin/pg_ctl" -D "$state/data" -m immediate -w stop >/dev/null 2>&1 || true
rm -rf "$state"
