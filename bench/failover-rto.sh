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
javac -d "$ROOT/target/bench-classes" bench/FailoverProbe.java
for i in $(seq 1 "$CYCLES"); do
  line=$(java -cp "$ROOT/target/bench-classes" FailoverProbe "$DATA" "$i")
  echo "$line"
  $EMB start "${line##* }" >/dev/null
done | tee "$ROOT/target/bench-rto.log"
awk '{for(i=1;i<=NF;i++){split($i,kv,"="); if(kv[1]=="detect_ms")d[n]=kv[2]; if(kv[1]=="first_write_ms")w[n]=kv[2]; if(kv[1]=="failed_requests_during")f+=kv[2]} n++}
  END{asort(d); asort(w); printf "cycles=%d detection p50=%d ms max=%d ms; first acknowledged write p50=%d ms max=%d ms; requests failed during failovers=%d\n", n, d[int((n+1)/2)], d[n], w[int((n+1)/2)], w[n], f}' "$ROOT/target/bench-rto.log"
