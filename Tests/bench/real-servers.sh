#!/usr/bin/env bash
# Figures against the loopback Dovecot + Postfix (not a test: prints, never fails on time):
# one poll cycle (`run --once`) with 0 and with N new mails in the INBOX (loaded straight into
# the Maildir), `bench imap` on the same N mails, and the median and p95 time from a customer's
# SMTP submission to the gateway's answer in the customer's mailbox while `run` waits in IMAP IDLE.
# Usage: bash Tests/bench/real-servers.sh [N=500] [ROUNDS=20]   (after swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-500}"; rounds="${2:-20}"
binary="$PWD/.build/release/escalation-gateway"
[[ -x "$binary" ]] || binary="$PWD/.build/debug/escalation-gateway"
bash Tests/scripts/install-prerequisites.sh --mail-servers
work="$(mktemp -d /tmp/escalation-gateway-bench.XXXXXX)"
chmod 0755 "$work"
trap 'bash Tests/mailserver/stop.sh "$work/mail"; rm -rf "$work"' EXIT
eval "$(bash Tests/mailserver/start.sh "$work/mail")"

sed -e 's/@support\.example/@example.test/g; s/@acme\.example/@example.test/g; s/@globex\.example/@example.test/g; s/"acme.example"/"example.test"/' \
  Samples/directory.json > "$work/directory.json"
{
  cat <<TOML
[gateway]
address = "escalations@example.test"
domain = "example.test"
database = "$work/state/gateway.sqlite"
templates = "$PWD/MailTemplates"
poll_interval = "1s"
batch_size = 500

[inbound]
kind = "imap"
url = "imap://127.0.0.1:$EG_IMAP_PORT/INBOX"
user = "escalations@example.test"
password_env = "EG_BENCH_PASSWORD"
ca_file = "$EG_CA_FILE"

[outbound]
kind = "smtp"
url = "smtp://127.0.0.1:$EG_SMTP_PORT"
ca_file = "$EG_CA_FILE"

TOML
  sed -n '/^\[\[severity\]\]/,$p' Samples/gateway.toml | sed 's/@support\.example/@example.test/g'
  printf '\n[security]\nanswers_per_sender = 100000\nanswers_per_thread = 100000\n'
} > "$work/gateway.toml"
export EG_BENCH_PASSWORD=secret
"$binary" import --config "$work/gateway.toml" "$work/directory.json" >/dev/null

now() { date +%s.%N; }
cycle() { local start; start=$(now); "$binary" run --once --config "$work/gateway.toml" >/dev/null; echo "$(now) - $start" | bc; }

"$binary" run --once --config "$work/gateway.toml" >/dev/null
echo "poll cycle, 0 new mails: $(cycle) s"

maildir="$work/mail/mail/escalations@example.test"
mkdir -p "$maildir/new" "$maildir/cur" "$maildir/tmp"
for i in $(seq "$count"); do
  printf 'From: Jane Doe <jane@example.test>\r\nTo: escalations@example.test\r\nSubject: [CS0001234] note %s\r\nMessage-ID: <bench-%s@example.test>\r\nDate: %s\r\n\r\nCOMMENT bench note %s\r\n' \
    "$i" "$i" "$(date -R)" "$i" > "$maildir/new/$i.bench:2,"
done
chown -R mail:mail "$maildir"
"$binary" bench imap --config "$work/gateway.toml" | sed 's/^/bench imap: /'
echo "poll cycle, $count new mails: $(cycle) s (fetch, apply, move, answer over SMTP)"

"$binary" run --config "$work/gateway.toml" >/dev/null 2>&1 &
gateway=$!
python3 Tests/bench/mail_latency.py "$EG_SMTP_PORT" "$EG_IMAP_PORT" "$EG_CA_FILE" "$rounds"
kill "$gateway"; wait "$gateway" 2>/dev/null || true
