#!/usr/bin/env bash
# Runs every test of the project: installs what the build needs, builds, runs all suites.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash Tests/scripts/install-prerequisites.sh
swift build --build-tests
swift test --skip-build
