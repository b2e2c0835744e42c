#!/usr/bin/env bash
# `bench parse` next to Python's standard `email` parser on the same files, in one run: the
# gateway on every core (as the pipeline prepares mail), the gateway on one core, then Python
# (one core), and the ratios of their MB/s. Prints figures, never fails on time.
# Usage: bash Tests/bench/parse-side-by-side.sh [DIR=../shared/corpus] [ROUNDS=10]   (after swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/../.."
folder="${1:-../shared/corpus}"; rounds="${2:-10}"
binary="$PWD/.build/release/escalation-gateway"
[[ -x "$binary" ]] || { echo "build first: swift build -c release" >&2; exit 1; }

megabytes() { sed -n 's/^\([0-9.]*\) MB\/s$/\1/p'; }
every_core="$("$binary" bench parse "$folder" --rounds "$rounds")"
one_core="$("$binary" bench parse "$folder" --rounds "$rounds" --threads 1)"
python="$(python3 Tests/bench/python_parse.py "$folder" "$rounds")"
printf 'gateway, every core:\n%s\n\ngateway, one core:\n%s\n\nPython email:\n%s\n\n' "$every_core" "$one_core" "$python"
python_mb="$(megabytes <<<"$python")"
awk -v all="$(megabytes <<<"$every_core")" -v one="$(megabytes <<<"$one_core")" -v py="$python_mb" \
  'BEGIN { printf "MB/s against Python: %.1fx on every core, %.1fx on one core\n", all / py, one / py }'
