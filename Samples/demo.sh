#!/usr/bin/env bash
# The gateway's main job on the embedded defaults: installs what the build needs, then plays
# the sample conversations (directory inbox, SQLite, directory outbox) and lists the result.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Tests/scripts/install-prerequisites.sh
swift run escalation-gateway demo --config Samples/gateway.toml "$@"
