#!/usr/bin/env bash
# Issue #4 figure: time from kill -9 of the active site (home) until every surviving site's DNS
# answers the new active site, side by side with PowerDNS on the same kill: pdns_server (Debian
# pdns-server, bind backend) serving land.gov.example as a LUA record `ifurlup` on the sites'
# readiness URL, its default health-check interval. N cycles; after each, home is restarted and
# switched back. Uses target/bench-dnsfail; stops only what it started.
# PowerDNS must trust the state CA to check the HTTPS health URLs: it runs in a mount namespace of
# its own in which the state CA is bind-mounted over the system CA bundle (needs root).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="$ROOT/target/bench-dnsfail"
PD="$DATA/pdns"
CYCLES="${CYCLES:-5}"
EMB="./embassy --data $DATA"
PDNS_PID=""
cleanup() { [ -n "$PDNS_PID" ] && kill "$PDNS_PID" 2>/dev/null || true; $EMB down >/dev/null 2>&1 || true; }
trap cleanup EXIT
rm -rf "$DATA"
$EMB up --detach | grep "Federation ready"
mkdir -p "$PD"
cp "$DATA/ca.pem" "$PD/ca-bundle.crt"
cat > "$PD/named.conf" <<EOF
zone "gov.example" { type native; file "$PD/gov.example.zone"; };
EOF
cat > "$PD/gov.example.zone" <<EOF
\$TTL 5
@    IN SOA ns.home.gov.example. hostmaster.gov.example. 1 60 30 3600 5
@    IN NS  ns.home.gov.example.
ns.home IN A 127.0.0.11
land IN LUA A "ifurlup('https://land.gov.example:8443/q/health/ready', {{'127.0.0.11'}, {'127.0.0.12', '127.0.0.13'}})"
EOF
cat > "$PD/pdns.conf" <<EOF
launch=bind
bind-config=$PD/named.conf
local-address=127.0.0.1
local-port=5317
enable-lua-records=yes
socket-dir=$PD
guardian=no
daemon=no
disable-syslog=yes
EOF
unshare -m sh -c "mount --bind '$PD/ca-bundle.crt' /etc/ssl/certs/ca-certificates.crt && exec pdns_server --config-dir='$PD'" >"$PD/pdns.log" 2>&1 &
PDNS_PID=$!
LIB="$ROOT/site/target/quarkus-app/lib/main"
DNSJAVA="$LIB/dnsjava.dnsjava-3.7.1.jar:$LIB/org.slf4j.slf4j-api-2.0.17.jar"
javac -cp "$DNSJAVA" -d "$ROOT/target/bench-classes" bench/DnsFailoverProbe.java
pdns_answer() { dig +time=1 +tries=1 @127.0.0.1 -p 5317 land.gov.example +short | sort | paste -sd, -; }
await_pdns() { # expected answer, bounded
  for _ in $(seq 1 300); do [ "$(pdns_answer)" = "$1" ] && return 0; sleep 0.1; done
  echo "PowerDNS did not answer $1 (answers $(pdns_answer))"; return 1
}
await_pdns 127.0.0.11
echo "== PowerDNS $(pdns_server --version 2>&1 | grep -o 'Authoritative Server [0-9.]*'), lua-health-checks-interval default (5 s), ifurlup timeout default (2 s)"
for i in $(seq 1 "$CYCLES"); do
  # at least one PowerDNS health-check round with home up, then a random phase against its 5 s
  # check interval (a kill right after a check is PowerDNS's worst case, right before its best)
  sleep "$(awk -v r="$RANDOM" 'BEGIN{printf "%.3f", 6 + (r % 5000) / 1000}')"
  pid=$(cat "$DATA/home/site.pid")
  java -cp "$ROOT/target/bench-classes:$DNSJAVA" DnsFailoverProbe "$pid" 127.0.0.11 \
    "127.0.0.12:5353,127.0.0.13:5353" 127.0.0.1:5317 "$i"
  $EMB start --timeout 240 home >/dev/null
  $EMB switchover --to home >/dev/null
  await_pdns 127.0.0.11
done | tee "$ROOT/target/bench-dnsfail.log"
summary() { grep -o "$1=[0-9]*" "$ROOT/target/bench-dnsfail.log" | cut -d= -f2 | sort -n |
  awk '{v[NR]=$1; s+=$1} END{printf "p50=%d ms max=%d ms mean=%d ms (n=%d)", v[int((NR+1)/2)], v[NR], s/NR, NR}'; }
echo "embassy (every surviving site answers the new active site): $(summary embassy_ms)"
echo "PowerDNS ifurlup (stops answering the killed site):         $(summary powerdns_ms)"
