#!/usr/bin/env bash
# Restarts the server start.sh started, as after a crash: an immediate stop (no checkpoint, every
# connection cut) and a start with the same options, waiting until it accepts connections.
# Usage: bash Tests/postgres/restart.sh STATE_DIR
set -euo pipefail
state="$1"
# The server outlives this script: it must not keep the descriptors its caller (a test process)
# left open, such as a lock file the caller holds.
for fd in $(ls /proc/$$/fd); do [[ $fd -gt 2 ]] && eval "exec $fd>&-" 2>/dev/null || true; done
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
runuser -u postgres -- "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -m immediate -w -t 60 restart >/dev/null \
  || { tail -20 "$state/server.log" >&2; exit 1; }
