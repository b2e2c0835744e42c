#!/usr/bin/env bash
# Fuzzes the MIME parser and reply reader for SECONDS (default 60) from the seed corpus; exits
# non-zero on a crash, hang or sanitizer error (the failing input is kept under .build-fuzz/).
# Leak checks are off: the only leaks reported are one-time caches (compiled patterns).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
fuzzer="$(bash Tests/fuzz/build.sh 2>/dev/null | tail -1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
ASAN_OPTIONS=detect_leaks=0 "$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=.build-fuzz/ -print_final_stats=1 "$work" Tests/fuzz/seeds > "$work.log" 2>&1 || status=$?
grep -E "^stat::number_of_executed_units|Done [0-9]+ runs|ERROR|SUMMARY|Test unit written" "$work.log" || true
rm -f "$work.log"
echo "fuzzing: exit status $status"
exit "$status"
