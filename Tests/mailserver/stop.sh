#!/usr/bin/env bash
# Stops the servers start.sh started and removes their files.
state="${1:-${EG_MAIL_STATE:-}}"
[[ -n "$state" && -d "$state" ]] || exit 0
postfix -c "$state/postfix" stop </dev/null >/dev/null 2>&1 || true
doveadm -c "$state/dovecot.conf" stop </dev/null >/dev/null 2>&1 || true
sleep 0.5
rm -rf "$state"
