#!/usr/bin/env bash
# Installs the Debian packages the build needs (C libraries the Swift targets link), once.
# An apt run that collides with another one on the machine is retried.
set -euo pipefail

packages=(libsqlite3-dev libxml2-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2 3; do
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    exit 0
  fi
  echo "apt-get failed (attempt $attempt), retrying" >&2
  sleep 5
done
exit 1
