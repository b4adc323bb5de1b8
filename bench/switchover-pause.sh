#!/usr/bin/env bash
# Issue #3 figure: write pause of N planned switchovers (default 20) alternating home <-> lux while
# two clients keep registering parcels through emb2 (forwarded to whichever site is active).
# Reports the pause each switchover reports (writes held at the gate), p50/max, and the clients'
# failed requests (must be 0). Uses target/bench-switch, never data/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="$ROOT/target/bench-switch"
N="${SWITCHOVERS:-20}"
EMB="./embassy --data $DATA"
trap '$EMB down >/dev/null 2>&1 || true' EXIT
rm -rf "$DATA"
$EMB up --detach | grep "Federation ready"
java -Xmx256m bench/LandRegisterLoad.java write https://127.0.0.13:8443 "$DATA/ca.pem" 70001 12000 2 > "$ROOT/target/bench-switch-load.log" &
LOAD=$!
sleep 3
target=lux
: > "$ROOT/target/bench-switch.log"
for i in $(seq 1 "$N"); do
  $EMB switchover --to "$target" | tee -a "$ROOT/target/bench-switch.log"
  target=$([ "$target" = lux ] && echo home || echo lux)
  sleep 1
done
wait "$LOAD"
cat "$ROOT/target/bench-switch-load.log"
grep -o "held [0-9]* ms" "$ROOT/target/bench-switch.log" | awk '{print $2}' | sort -n |
  awk '{v[NR]=$1} END{printf "switchovers=%d write pause p50=%d ms max=%d ms\n", NR, v[int((NR+1)/2)], v[NR]}'
