#!/usr/bin/env bash
# Runs every test of the project: installs what the build and the tests need, lints the sources
# (`lint.sh`: swift-format, strict, any finding fails), builds, fuzzes the
# MIME parser and reply reader for a bounded time (FUZZ_SECONDS, default 60), starts a throwaway
# Dovecot and Postfix on loopback for the real-server tests and a throwaway PostgreSQL for the
# store's tests on that engine, runs all suites, runs the store's and the gateway's suites again
# with the store on PostgreSQL (EG_TEST_STORE=postgres: each test a database of its own; the
# tests that read the SQLite file itself are marked and left out), and stops the servers and
# removes their files at the end, also when a test fails. After the suites (whose
# TemplateGoldenTests compare every template's mail with its golden .eml and write the HTML to
# .build/mail-preview/), headless Chromium checks every template's HTML and the staff dashboard's
# pages, and notmuch reads every sample subject.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash Tests/scripts/install-prerequisites.sh --mail-servers
bash Tests/scripts/lint.sh
swift build --build-tests
bash Tests/fuzz/run.sh "${FUZZ_SECONDS:-60}"

state="$(mktemp -d /tmp/escalation-gateway-mail.XXXXXX)"
postgres="$(mktemp -d /tmp/escalation-gateway-postgres.XXXXXX)"
trap 'bash Tests/mailserver/stop.sh "$state"; bash Tests/postgres/stop.sh "$postgres"' EXIT
eval "$(bash Tests/mailserver/start.sh "$state")"
export EG_MAIL_STATE EG_IMAP_PORT EG_IMAPS_PORT EG_SMTP_PORT EG_CA_FILE
eval "$(bash Tests/postgres/start.sh "$postgres")"
export EG_POSTGRES_STATE EG_POSTGRES_URL EG_POSTGRES_CA

swift test --skip-build
EG_TEST_STORE=postgres swift test --skip-build --filter "EscalationStoreTests|GatewayTests" \
    --skip "RealServer|CrashRun|ClusterFault|Outage|Unreachable|FaultInjection|MTAPipe|Readiness"
bash Tests/scripts/browser-check.sh
bash Tests/scripts/dashboard-check.sh
bash Tests/scripts/notmuch-subjects.sh
