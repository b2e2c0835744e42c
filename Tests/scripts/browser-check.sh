#!/usr/bin/env bash
# The browser check of every template's HTML (Tests/scripts/browser_check.py), after the
# GatewayTests wrote them to .build/mail-preview/. Needs Debian's chromium (install-prerequisites.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 Tests/scripts/browser_check.py
