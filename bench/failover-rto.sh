#!/usr/bin/env bash
# Issue #3 figure: RTO over N kill -9 cycles of the active site (default 20). Each cycle: a client
# writes through a standby every 10 ms; the active site is killed; detection = kill → new epoch
# committed and visible at a survivor; first write = kill → first acknowledged write through the
# standby (forwarded to the new active). The killed site is restarted (./embassy start) and
# rejoins as a standby before the next cycle. Uses target/bench-rto, never data/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="$ROOT/target/bench-rto"
CYCLES="${CYCLES:-20}"
EMB="./embassy --data $DATA"
trap '$EMB down >/dev/null 2>&1 || true' EXIT
rm -rf "$DATA"
$EMB up --detach | grep "Federation ready"
javac -d "$ROOT/target/bench-classes" bench/FailoverProbe.java bench/LandRegisterLoad.java
for i in $(seq 1 "$CYCLES"); do
  line=$(java -cp "$ROOT/target/bench-classes" FailoverProbe "$DATA" "$i")
  echo "$line"
  $EMB start --timeout 240 "${line##* }" >/dev/null
done | tee "$ROOT/target/bench-rto.log"
summary() { # field name -> "p50 max" over the cycles
  grep -o "$1=[0-9]*" "$ROOT/target/bench-rto.log" | cut -d= -f2 | sort -n |
    awk '{v[NR]=$1} END{printf "p50=%d ms max=%d ms (n=%d)", v[int((NR+1)/2)], v[NR], NR}'
}
echo "detection (kill -> new epoch committed): $(summary detect_ms)"
echo "first acknowledged write after the kill: $(summary first_write_ms)"
echo "requests failed during the failovers (client retries every 10 ms): $(grep -o 'failed_requests_during=[0-9]*' "$ROOT/target/bench-rto.log" | cut -d= -f2 | paste -sd+ | bc)"
