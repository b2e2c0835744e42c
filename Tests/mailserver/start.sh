#!/usr/bin/env bash
# Starts a throwaway Dovecot (IMAP, LMTP) and Postfix (SMTP → LMTP) on loopback ports of their
# own, with every file under one folder. Prints `export …` lines for the tests; stop.sh undoes it.
# Usage: eval "$(bash Tests/mailserver/start.sh STATE_DIR)"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="$1"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
chmod 0755 "$state"

getent group postdrop >/dev/null || groupadd --system postdrop
getent passwd postfix >/dev/null || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin -g postdrop postfix
mail_uid=$(id -u mail); mail_gid=$(id -g mail)

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$state/key.pem" -out "$state/cert.pem" -days 2 \
  -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1
chmod 0644 "$state/cert.pem" "$state/key.pem"
mkdir -p "$state/mail" "$state/postfix/spool" "$state/postfix/data"
chown "$mail_uid:$mail_gid" "$state/mail"
chown postfix "$state/postfix/data"

# Four consecutive loopback ports nobody listens on, below the kernel's ephemeral range (from
# 32768): a port in that range may be held by any outgoing connection, and a daemon that cannot
# bind it fails to start.
free_ports() {
  local base port
  while :; do
    base=$((20000 + RANDOM % 12000))
    for port in $base $((base + 1)) $((base + 2)) $((base + 3)); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue 2
    done
    imap=$base; imaps=$((base + 1)); lmtp=$((base + 2)); smtp=$((base + 3))
    return
  done
}

fill() {
  sed -e "s#@STATE@#$state#g" -e "s#@IMAP_PORT@#$imap#g" -e "s#@IMAPS_PORT@#$imaps#g" -e "s#@LMTP_PORT@#$lmtp#g" \
      -e "s#@SMTP_PORT@#$smtp#g" -e "s#@UID@#$mail_uid#g" -e "s#@GID@#$mail_gid#g" "$1"
}
cp /etc/postfix/postfix-files "$state/postfix/" 2>/dev/null || true
: > "$state/postfix/dynamicmaps.cf"
printf '/\\.example$/ OK\n' > "$state/postfix/domains.regexp"

# A port taken between the check and the bind makes a daemon fail: then again on other ports.
for attempt in 1 2 3 4 5; do
  free_ports
  fill "$here/dovecot.conf.in" > "$state/dovecot.conf"
  fill "$here/main.cf.in" > "$state/postfix/main.cf"
  fill "$here/master.cf.in" > "$state/postfix/master.cf"
  if dovecot -c "$state/dovecot.conf" </dev/null >"$state/dovecot-start.log" 2>&1; then
    postfix -c "$state/postfix" start </dev/null >/dev/null 2>&1 && break
    doveadm -c "$state/dovecot.conf" stop </dev/null >/dev/null 2>&1 || true
    sleep 0.5
  fi
  if [[ $attempt == 5 ]]; then
    cat "$state/dovecot-start.log" "$state/postfix/maillog" >&2 2>/dev/null
    exit 1
  fi
done

for port in $imap $smtp; do
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
echo "export EG_MAIL_STATE=$state EG_IMAP_PORT=$imap EG_IMAPS_PORT=$imaps EG_SMTP_PORT=$smtp EG_CA_FILE=$state/cert.pem"
