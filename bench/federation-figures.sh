#!/usr/bin/env bash
# Issue #2 figures, in one run on this machine (docs/benchmarks.md):
#  1. time for `./embassy up --detach` to report all three sites ready (3 runs)
#  2. acknowledged write latency at home, sync backups to both embassies, vs a site with
#     replication switched off (127.0.0.14), alternating, same load tool, same JVM settings
#  3. write throughput with 16 concurrent clients (10,000 parcels), read throughput of
#     GET /parcels/{id} at one site over those 10,000, RSS of each site afterwards
# Uses its own data directories (target/bench-*), never data/. Stops only what it started.
set -euo pipefail
# the reads measure a site's capacity from one client address: no per-address limit of anonymous reads
export EMBASSY_SITE_JAVA_OPTS="${EMBASSY_SITE_JAVA_OPTS:-} -Dembassy.land-register.anonymous-read-burst=0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="$ROOT/target/bench-federation"
SOLO="$ROOT/target/bench-solo"
APPDIR="$ROOT/site/target/quarkus-app"
EMB="./embassy --data $DATA"
LOAD="java -Xmx512m bench/LandRegisterLoad.java"
ROUNDS="${ROUNDS:-3}"
SOLO_PID=""

cleanup() {
  $EMB down >/dev/null 2>&1 || true
  [ -n "$SOLO_PID" ] && kill "$SOLO_PID" 2>/dev/null || true
}
trap cleanup EXIT

./embassy --help >/dev/null   # builds if needed
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "== site JVM options: -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${EMBASSY_SITE_JAVA_OPTS:-}"

echo "== 1. ./embassy up --detach, time until all three report ready"
rm -rf "$DATA"
for i in $(seq 1 "$ROUNDS"); do
  $EMB down >/dev/null
  $EMB up --detach | grep "Federation ready"
done

echo "== 2. write latency, 1 client, 1000 sequential registrations per round after 500 warm-up"
rm -rf "$SOLO"; mkdir -p "$SOLO"
# a solo site gets its keys from a ceremony of its own (bench only: its own state root)
export SOFTHSM2_CONF="$(bench/solo-ceremony.sh "$SOLO" home)"
(cd "$APPDIR" && exec setsid java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${EMBASSY_SITE_JAVA_OPTS:-} \
  -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto -Djava.net.preferIPv4Stack=true \
  -Dembassy.site.id=home -Dembassy.site.data-dir="$SOLO" -Dembassy.federation.sites.home.address=127.0.0.14 \
  -Dembassy.replication.enabled=false -Dembassy.replication.min-sync-embassies=0 -Dembassy.controlplane.enabled=false \
  -jar quarkus-run.jar >"$SOLO/site.log" 2>&1) &
SOLO_PID=$!
for _ in $(seq 1 150); do
  curl -sf --cacert "$SOLO/ca.pem" https://127.0.0.14:8443/q/health/ready >/dev/null 2>&1 && break
  sleep 0.2
done
$LOAD write https://127.0.0.11:8443 "$DATA/ca.pem" 90001 500 1 >/dev/null
$LOAD write https://127.0.0.14:8443 "$SOLO/ca.pem" 90001 500 1 >/dev/null
for i in $(seq 1 "$ROUNDS"); do
  $LOAD write https://127.0.0.11:8443 "$DATA/ca.pem" $((90010 + i)) 1000 1 | sed 's/^/replicated   /'
  $LOAD write https://127.0.0.14:8443 "$SOLO/ca.pem" $((90010 + i)) 1000 1 | sed 's/^/unreplicated /'
done
kill "$SOLO_PID"; SOLO_PID=""

echo "== 3. 10,000 registrations with 16 concurrent clients at home; reads at lux; RSS"
$LOAD write https://127.0.0.11:8443 "$DATA/ca.pem" 91000 10000 16
sleep 2
$EMB status
$LOAD read https://127.0.0.12:8443 "$DATA/ca.pem" 91000 10000 16 20
for site in home lux emb2; do
  pid=$(cat "$DATA/$site/site.pid")
  echo "RSS $site: $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
done
