#!/usr/bin/env bash
# The gateway's main job on the embedded defaults: installs what the build needs, builds
# quietly (the package manager's output goes to .build/demo-build.log, shown only if the build
# fails), then plays the sample conversations (directory inbox, SQLite, directory outbox) and
# lists the result.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Tests/scripts/install-prerequisites.sh
mkdir -p .build
if [[ ! -x .build/debug/escalation-gateway ]]; then
  echo "building escalation-gateway (the first build takes several minutes)"
fi
if ! swift build --product escalation-gateway >.build/demo-build.log 2>&1; then
  cat .build/demo-build.log >&2
  exit 1
fi
.build/debug/escalation-gateway demo --config Samples/gateway.toml "$@"
