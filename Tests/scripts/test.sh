#!/usr/bin/env bash
# Runs every test of the project: installs what the build needs, builds, runs the Swift tests.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
for pkg in libsqlite3-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" || apt-get install -y -qq "${need[@]}"
fi

swift build --build-tests
swift test --skip-build
