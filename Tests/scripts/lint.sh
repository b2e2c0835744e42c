#!/usr/bin/env bash
# Lints the Swift sources with the toolchain's swift-format (`swift format lint --strict`) and
# fails on any finding. Each file is checked against the nearest `.swift-format` above it: the
# repository's for Sources/ and Package.swift, Tests/.swift-format (the same, but force unwraps
# and `try!` allowed) for the tests. Generated files are left out: BuiltInTemplates.swift is
# written by generate-builtin-templates.sh. Migrations.swift opts out itself
# (`swift-format-ignore-file`): shipped migrations keep their text as released.
#
# `lint.sh --format` rewrites the same files in place instead (`swift format -i`).
set -euo pipefail
cd "$(dirname "$0")/../.."

generated=(Sources/MailComposing/BuiltInTemplates.swift)

# Tests/.swift-format must differ from the repository's only in the two rules it relaxes.
python3 - <<'EOF'
import json, sys
root, tests = (json.load(open(path)) for path in (".swift-format", "Tests/.swift-format"))
relaxed = {"NeverForceUnwrap", "NeverUseForceTry"}
for config in (root, tests):
    for rule in relaxed:
        config["rules"].pop(rule, None)
if root != tests:
    sys.exit("Tests/.swift-format differs from .swift-format in more than " + ", ".join(sorted(relaxed)))
EOF

files=()
while IFS= read -r -d '' file; do
    [[ " ${generated[*]} " == *" $file "* ]] || files+=("$file")
done < <(find Sources Tests -name '*.swift' -print0 | sort -z)
files+=(Package.swift)

if [[ "${1:-}" == "--format" ]]; then
    swift format format --in-place --parallel "${files[@]}"
else
    swift format lint --strict --recursive --parallel "${files[@]}"
fi
