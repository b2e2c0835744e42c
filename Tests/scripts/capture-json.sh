#!/usr/bin/env bash
# Prints what a build of escalation-gateway says in JSON about the samples, into OUTDIR:
#   list.jsonl     `list --json` after the demo
#   show.jsonl     `show --json` of every escalation, case and account after the demo
#   read.jsonl     `read --json` of every sample mail against the demo's database
#   process.jsonl  `process --json` of every sample mail, in order, on a fresh database
# Times are written as seconds after the earliest time printed (`+T120`), so that runs on
# different days compare equal, and the Message-IDs the gateway makes up are numbered;
# everything else is as printed. KEEP_JSON_WORK=1 keeps the raw output (its folder on stderr).
#
# Usage: Tests/scripts/capture-json.sh BINARY OUTDIR
# Tests/Fixtures/json-before/ holds what the build before the relational store printed
# (made with this script on commit 0421a8d); JSONOutputTests compares the build under test with it.
set -euo pipefail
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
out="$2"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d /tmp/escalation-gateway-json.XXXXXX)"
[ -n "${KEEP_JSON_WORK:-}" ] && echo "$work" >&2 || trap 'rm -rf "$work"' EXIT

mkdir -p "$work/demo" "$work/process"
cp "$repo/Samples/gateway.toml" "$work/demo/gateway.toml"
cp "$repo/Samples/gateway.toml" "$work/process/gateway.toml"
mails=()
while IFS= read -r file; do mails+=("$file"); done < <(find "$repo/Samples/conversations" -name '*.eml' | sort)

cd "$work/demo"
"$binary" demo --config gateway.toml --directory "$repo/Samples/directory.json" --conversations "$repo/Samples/conversations" > /dev/null 2>&1
"$binary" list --json --config gateway.toml > "$work/list.jsonl" 2>/dev/null
: > "$work/show.jsonl"
numbers="$(grep -o '"number":"ESC[0-9]*"' "$work/list.jsonl" | cut -d'"' -f4 | sort -u)
$(grep -o '"\(CS\|ACC\)[0-9]\{7\}"' "$repo/Samples/directory.json" | tr -d '"' | sort -u)"
for number in $numbers; do
    "$binary" show --json --config gateway.toml "$number" >> "$work/show.jsonl" 2>/dev/null || echo "{\"missing\":\"$number\"}" >> "$work/show.jsonl"
done
: > "$work/read.jsonl"
for file in "${mails[@]}"; do
    "$binary" read --json --config gateway.toml "$file" >> "$work/read.jsonl" 2>/dev/null
done

cd "$work/process"
"$binary" import --config gateway.toml "$repo/Samples/directory.json" > /dev/null 2>&1
"$binary" process --json --config gateway.toml "${mails[@]}" > "$work/process.jsonl" 2>/dev/null || true

# Paths as seen from the repository; times as seconds after the earliest one; the Message-IDs
# the gateway makes up (random) numbered in order of appearance.
stamp='[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z\?'
times="$(cat "$work"/*.jsonl | grep -o "$stamp" | sort -ru || true)"
script="s|$repo/||g"
if [ -n "$times" ]; then
    first="$(date -u -d "$(sed 's/Z$//' <<< "$times" | sort | head -n1)" +%s)"
    while IFS= read -r time; do
        script="$script;s|$time|+T$(( $(date -u -d "${time%Z}" +%s) - first ))|g"
    done <<< "$times"
fi
ids="$(cat "$work"/list.jsonl "$work"/show.jsonl "$work"/read.jsonl "$work"/process.jsonl | grep -o '"[a-z0-9]\{24\}@support\.example"' | awk '!seen[$0]++' || true)"
count=0
while IFS= read -r id; do
    [ -n "$id" ] || continue
    count=$((count + 1))
    script="$script;s|$id|\"made-up-$count\"|g"
done <<< "$ids"
# The demo's approval reminder is recorded at the minute it fell due or at the next one (a race
# in the demo that the build before has too): its time is left out.
script="$script;s|\"at\":\"+T[0-9]*\",\"cause\":\"approval-ticker\"|\"at\":\"(timer)\",\"cause\":\"approval-ticker\"|g"
for name in list show read process; do
    sed "$script" "$work/$name.jsonl" > "$out/$name.jsonl"
done
