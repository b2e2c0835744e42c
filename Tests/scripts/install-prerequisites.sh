#!/usr/bin/env bash
# Installs the Debian packages the project needs, once: the C libraries the build links
# (always), and with --mail-servers the Dovecot, Postfix and PostgreSQL the tests start on
# loopback, the Chromium that checks the mail's HTML and the notmuch that reads its subjects.
# Postfix is installed with "No configuration": the tests run it from their own config files and
# nothing of the system's mail configuration is used. An apt run that collides with another
# one on the machine is retried.
set -euo pipefail

packages=(libsqlite3-dev libxml2-dev libcurl4-openssl-dev libmimalloc-dev libzstd-dev)
if [[ "${1:-}" == "--mail-servers" ]]; then
  packages+=(dovecot-imapd dovecot-lmtpd postfix openssl chromium notmuch postgresql)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

export DEBIAN_FRONTEND=noninteractive
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections 2>/dev/null || true
# One line says what is installed; apt's own output goes to a log, shown only if it fails.
echo "installing ${missing[*]} (Debian packages, through apt)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for attempt in 1 2 3; do
  if apt-get update -qq >"$log" 2>&1 && apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    exit 0
  fi
  echo "apt-get failed (attempt $attempt), retrying" >&2
  sleep 5
done
cat "$log" >&2
exit 1
