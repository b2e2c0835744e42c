#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server (Debian's) on a loopback port of its own, with its data
# folder and socket under one folder, and creates the database `gateway` for the tests. Prints
# `export …` lines for the tests (EG_POSTGRES_URL, EG_POSTGRES_STATE, EG_POSTGRES_CA: the
# authority of the server's TLS certificate); stop.sh undoes it.
# Usage: eval "$(bash Tests/postgres/start.sh STATE_DIR)"
set -euo pipefail
state="$1"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
[[ -x "$bin/pg_ctl" ]] || { echo "PostgreSQL is not installed: run Tests/scripts/install-prerequisites.sh --mail-servers" >&2; exit 1; }

# initdb and the server refuse to run as root: the folder belongs to the postgres user.
chown postgres "$state"
runuser -u postgres -- "$bin/initdb" -D "$state/data" -A trust -U gateway >"$state/initdb.log" 2>&1 \
  || { cat "$state/initdb.log" >&2; exit 1; }

# TLS for the tests of sslmode=verify-full: a certificate for the name localhost only (not for
# 127.0.0.1), so that connecting by address fails the host-name check. It is its own authority.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$state/data/server.key" -out "$state/data/server.crt" -days 2 \
  -subj /CN=localhost -addext "subjectAltName=DNS:localhost" >/dev/null 2>&1
cp "$state/data/server.crt" "$state/ca.pem"
chown postgres "$state/data/server.key" "$state/data/server.crt"
chmod 0600 "$state/data/server.key"
printf "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n" >>"$state/data/postgresql.conf"

# A loopback port nobody listens on, below the kernel's ephemeral range (from 32768).
while :; do
  port=$((20000 + RANDOM % 12000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
runuser -u postgres -- "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 60 \
  -o "-p $port -k $state -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null \
  || { cat "$state/server.log" >&2; exit 1; }
runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$port" -U gateway gateway

echo "export EG_POSTGRES_STATE='$state'"
echo "export EG_POSTGRES_URL='postgres://gateway@127.0.0.1:$port/gateway'"
echo "export EG_POSTGRES_CA='$state/ca.pem'"
