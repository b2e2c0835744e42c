#!/usr/bin/env bash
# notmuch (Debian; GMime 3.2) reads every subject whole: the golden mails of every template
# (Tests/GatewayTests/MailLayout/Golden/, with encoded words for the non-ASCII words of a
# subject) and every mail the demo sends for the sample conversations (played in a copy of
# Samples/ outside the checkout, on the built-in templates) go into a throwaway Maildir, and
# each subject notmuch shows must equal the one Python's email package decodes from the file.
# Needs a build (swift build).
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d /tmp/eg-notmuch.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mail/cur" "$work/mail/new" "$work/mail/tmp"
cp -r Samples "$work/samples"
binary="$(swift build --show-bin-path)/escalation-gateway"
(cd "$work" && "$binary" demo --config samples/gateway.toml --directory samples/directory.json --conversations samples/conversations > demo.log)
count=0
for file in Tests/GatewayTests/MailLayout/Golden/*.eml "$work"/samples/outbox/*.eml; do
  count=$((count + 1))
  cp "$file" "$work/mail/cur/$count.$(basename "$file"):2,S"
done
printf '[database]\npath=%s/mail\n[new]\ntags=new\n[user]\nname=Test\nprimary_email=test@example.com\n' "$work" > "$work/config"
export NOTMUCH_CONFIG="$work/config"
notmuch new --quiet
notmuch show --format=json --body=false '*' > "$work/shown.json"
python3 - "$work" "$count" <<'PY'
import email, email.policy, json, pathlib, sys
work, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
def messages(node):
    if isinstance(node, dict):
        if "headers" in node and "filename" in node:
            yield node
        for value in node.values(): yield from messages(value)
    elif isinstance(node, list):
        for value in node: yield from messages(value)
shown = list(messages(json.loads((work / "shown.json").read_text())))
failures = []
for message in shown:
    path = message["filename"][0] if isinstance(message["filename"], list) else message["filename"]
    expected = str(email.message_from_bytes(pathlib.Path(path).read_bytes(), policy=email.policy.default)["Subject"])
    if message["headers"].get("Subject") != expected:
        failures.append(f"{pathlib.Path(path).name}: notmuch shows {message['headers'].get('Subject')!r}, the mail says {expected!r}")
print(f"notmuch read {len(shown)} of {count} subjects")
for failure in failures: print("FAIL", failure)
sys.exit(1 if failures or len(shown) != count else 0)
PY
