#!/usr/bin/env bash
# The browser check of the staff dashboard (Tests/scripts/dashboard_check.py): the demo played
# into a throwaway database (its clock started 8 hours ago), one more request in the inbox, the
# real `run` with [http] on a free loopback port, and its pages (report included) rendered in headless Chromium at
# 390 and 1280 px. Needs the debug build and Debian's chromium (install-prerequisites.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 Tests/scripts/dashboard_check.py
