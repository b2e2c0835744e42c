#!/usr/bin/env bash
# Stops the servers start.sh started and removes their files.
state="${1:-${EG_MAIL_STATE:-}}"
[[ -n "$state" && -d "$state" ]] || exit 0
postfix -c "$state/postfix" stop </dev/null >/dev/null 2>&1 || true
master="$(cat "$state/dovecot-run/master.pid" 2>/dev/null || true)"
doveadm -c "$state/dovecot.conf" stop </dev/null >/dev/null 2>&1 || true
sleep 0.5
# doveadm stop leaves open sessions running; the master's process group holds every one.
[[ -n "$master" ]] && kill -9 -- "-$master" 2>/dev/null || true
rm -rf "$state"
