#!/usr/bin/env bash
# Issue #4 figure: queries per second with dnsperf against our DNS server (one site), BIND 9 and
# Knot DNS serving the same zone, in one run on this machine, same dnsperf settings, alternating.
# Our server runs in a site process as ./embassy starts it (C1 JIT, -Xmx256m), alone (no
# replication, no control plane: it is the active site). Uses target/bench-dns; stops only what
# it started. Needs: apt-get install dnsperf bind9 knot.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIR="$ROOT/target/bench-dns"
LENGTH="${LENGTH:-20}"       # seconds per dnsperf run
CLIENTS="${CLIENTS:-4}"      # dnsperf -c
OUTSTANDING="${OUTSTANDING:-200}"  # dnsperf -q
ROUNDS="${ROUNDS:-2}"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
rm -rf "$DIR"; mkdir -p "$DIR/knot" "$DIR/bind"

./embassy --help >/dev/null   # builds if needed
for tool in dnsperf /usr/sbin/named knotd; do command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install dnsperf bind9 knot)"; exit 2; }; done

# the same zone our site serves when home (127.0.0.14 here) is active
cat > "$DIR/gov.example.zone" <<EOF
\$TTL 5
@           IN SOA ns.home.gov.example. hostmaster.gov.example. 1 60 30 3600 5
@           IN NS  ns.home.gov.example.
@           IN NS  ns.lux.gov.example.
@           IN NS  ns.emb2.gov.example.
land        IN A   127.0.0.14
auth        IN A   127.0.0.14
sign        IN A   127.0.0.14
home        IN A   127.0.0.14
ns.home     IN A   127.0.0.14
lux         IN A   127.0.0.12
ns.lux      IN A   127.0.0.12
emb2        IN A   127.0.0.13
ns.emb2     IN A   127.0.0.13
EOF
# what clients ask: mostly the service names, some apex and negative answers
printf '%s\n' "land.gov.example A" "auth.gov.example A" "sign.gov.example A" "land.gov.example A" \
  "gov.example SOA" "gov.example NS" "nothing.gov.example A" "land.gov.example AAAA" > "$DIR/queries"

APP="$ROOT/site/target/quarkus-app"
# a solo site gets its keys from a ceremony of its own (bench only: its own state root)
export SOFTHSM2_CONF="$(bench/solo-ceremony.sh "$DIR/site" home)"
(cd "$APP" && exec java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${EMBASSY_SITE_JAVA_OPTS:-} \
  -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto -Djava.net.preferIPv4Stack=true \
  -Dembassy.site.id=home -Dembassy.site.data-dir="$DIR/site" -Dembassy.federation.sites.home.address=127.0.0.14 \
  -Dembassy.replication.enabled=false -Dembassy.replication.min-sync-embassies=0 -Dembassy.controlplane.enabled=false \
  -jar quarkus-run.jar >"$DIR/site.log" 2>&1) &
PIDS+=($!)

cat > "$DIR/bind/named.conf" <<EOF
options { directory "$DIR/bind"; pid-file "$DIR/bind/named.pid"; session-keyfile "$DIR/bind/session.key";
  managed-keys-directory "$DIR/bind"; listen-on port 5315 { 127.0.0.1; }; listen-on-v6 { none; };
  recursion no; dnssec-validation no; querylog no; };
controls { };
zone "gov.example" { type primary; file "$DIR/gov.example.zone"; };
EOF
/usr/sbin/named -g -c "$DIR/bind/named.conf" >"$DIR/bind/named.log" 2>&1 &
PIDS+=($!)

cat > "$DIR/knot/knot.conf" <<EOF
server:
    listen: 127.0.0.16@5353
    rundir: "$DIR/knot"
database:
    storage: "$DIR/knot"
log:
  - target: stderr
    any: warning
zone:
  - domain: gov.example
    file: "$DIR/gov.example.zone"
    journal-content: none
    zonefile-sync: -1
EOF
knotd -c "$DIR/knot/knot.conf" >"$DIR/knot/knotd.log" 2>&1 &
PIDS+=($!)

# BIND listens only on addresses configured on an interface: of 127.0.0.0/8 that is 127.0.0.1 alone
OURS="127.0.0.14 5353"; BIND="127.0.0.1 5315"; KNOT="127.0.0.16 5353"
for server in "$OURS" "$BIND" "$KNOT"; do
  set -- $server
  for _ in $(seq 1 150); do
    dig +time=1 +tries=1 @"$1" -p "$2" land.gov.example +short 2>/dev/null | grep -q 127.0.0.14 && break
    sleep 0.2
  done
  echo "$1:$2 answers: $(dig +time=1 +tries=1 @"$1" -p "$2" land.gov.example +short)"
done

perf() { # address port -> queries per second
  dnsperf -s "$1" -p "$2" -d "$DIR/queries" -l "$LENGTH" -c "$CLIENTS" -q "$OUTSTANDING" -t 2 2>&1 |
    awk '/Queries per second/ {qps=$4} /Queries lost/ {lost=$3" "$4} END {printf "%s qps (lost %s)", qps, lost}'
}
echo "== machine: $(nproc) cores; dnsperf -l $LENGTH -c $CLIENTS -q $OUTSTANDING, query mix: $(tr '\n' ';' < "$DIR/queries")"
echo "warm-up (ours, JIT): $(perf $OURS)"
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r  embassy : $(perf $OURS)"
  echo "round $r  BIND 9  : $(perf $BIND)"
  echo "round $r  Knot DNS: $(perf $KNOT)"
done
echo "RSS embassy site: $(( $(ps -o rss= -p "${PIDS[0]}") / 1024 )) MB (the whole site: HTTPS, journal, DNS)"
