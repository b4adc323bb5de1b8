#!/usr/bin/env bash
# Issue 12 §1 figure: time-stamp tokens/s and OCSP responses/s (with a nonce) at one site, signed
# inside the site's own SoftHSM2 token, against the token's own raw ECDSA P-256 sign rate
# (bench/TokenSignRate.java, the site's own key, same thread count), in the same run; openssl
# speed alongside. Target: ≥ 0.8 × the token's raw rate. ROUNDS rounds (default 3) after a
# warm-up, the raw rate measured between every two loads; the medians are reported.
# Both as absolute rates (2 threads: the site has 2 cores) and per core-second of the site's CPU
# (wrk shares the two cores). Uses its own data directory; stops only what it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="$ROOT/target/bench-token-signing"
W="$DATA-work"
EMB="./embassy --data $DATA"
SECONDS_EACH="${SECONDS_EACH:-15}"
WARMUP="${WARMUP:-20}"
CONC="${CONC:-16}"
ROUNDS="${ROUNDS:-3}"
trap '$EMB down >/dev/null 2>&1 || true' EXIT
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
$EMB down >/dev/null 2>&1 || true
rm -rf "$DATA" "$W"; mkdir -p "$W"
$EMB up --detach >/dev/null
PID=$(cat "$DATA/home/site.pid"); TICKS=$(getconf CLK_TCK); CA="$DATA/ca.pem"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1); site JVM: -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${EMBASSY_SITE_JAVA_OPTS:-}"
$EMB citizen enrol --code 38001010009 --name "Mari Maasikas" --out "$W/mari" >/dev/null
openssl ts -query -data README.md -sha256 -cert -out "$W/req.tsq" 2>/dev/null
openssl ocsp -issuer "$W/mari/issuer.pem" -cert "$W/mari/cert.pem" -reqout "$W/req.ocsp" >/dev/null 2>&1

cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
load() { # NAME BODY CTYPE URL -> "rps cores"
  local c0 t0 c1 t1
  c0=$(cpu "$PID"); t0=$(date +%s.%N)
  BODY="$2" CTYPE="$3" CLOSE=0 wrk -t 2 -c "$CONC" -s bench/post-body.lua -d "${SECONDS_EACH}s" "$4" > "$W/wrk-$1.txt"
  c1=$(cpu "$PID"); t1=$(date +%s.%N)
  grep -q "Non-2xx" "$W/wrk-$1.txt" && { echo "non-2xx answers in $1" >&2; exit 1; }
  awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v tk="$TICKS" '/Requests\/sec/ {print $2, (c1-c0)/tk/(t1-t0)}' "$W/wrk-$1.txt"
}
raw() { # THREADS -> "signs/s per-core-second" (lux's token and its own tsa key: lux is idle)
  SOFTHSM2_CONF="$DATA/lux/token/softhsm2.conf" java -Xmx64m bench/TokenSignRate.java "$DATA/lux/token/pkcs11.cfg" \
    "$DATA/lux/token/pin" tsa "$1" 8 | awk '{for(i=1;i<=NF;i++){split($i,a,"="); v[a[1]]=a[2]}} END {print v["signs/s"], v["per-core-second"]}'
}
speed() { openssl speed -seconds 3 ecdsap256 2>/dev/null | awk '/256 bits ecdsa/ {print $(NF-1); exit}'; }

SECONDS_EACH=$WARMUP load warm-tsa "$W/req.tsq" application/timestamp-query https://127.0.0.11:8443/tsa >/dev/null
SECONDS_EACH=$WARMUP load warm-ocsp "$W/req.ocsp" application/ocsp-request https://127.0.0.11:8443/ocsp >/dev/null
: > "$W/ratios.txt"
for round in $(seq 1 "$ROUNDS"); do
  read -r r1 r1c < <(raw 1); read -r r2 r2c < <(raw 2); s=$(speed)
  echo "round $round: token raw sign 1 thread $r1/s, 2 threads $r2/s ($r2c per core-second); openssl speed $s sign/s"
  for what in tsa ocsp; do
    if [ $what = tsa ]; then out=$(load tsa-$round "$W/req.tsq" application/timestamp-query https://127.0.0.11:8443/tsa)
    else out=$(load ocsp-$round "$W/req.ocsp" application/ocsp-request https://127.0.0.11:8443/ocsp); fi
    read -r rps cores <<< "$out"
    echo "$what $rps $cores $r2 $r2c" | awk '{printf "  %-4s %.0f/s, site CPU %.2f cores: %.2f x the token'"'"'s raw 2-thread rate; %.0f per core-second = %.2f x the token'"'"'s per core-second\n", $1, $2, $3, $2/$4, $2/$3, ($2/$3)/$5}'
    echo "$what $rps $cores $r2 $r2c" | awk '{print $1, $2/$4, ($2/$3)/$5}' >> "$W/ratios.txt"
  done
done
for what in tsa ocsp; do
  awk -v w=$what '$1 == w {print $2}' "$W/ratios.txt" | sort -n | awk -v w=$what '{r[NR]=$1} END {printf "median %s / token raw rate (2 threads): %.2f (%.2f-%.2f)\n", w, r[int((NR+1)/2)], r[1], r[NR]}'
  awk -v w=$what '$1 == w {print $3}' "$W/ratios.txt" | sort -n | awk -v w=$what '{r[NR]=$1} END {printf "median %s per core-second / token raw per core-second: %.2f (%.2f-%.2f)\n", w, r[int((NR+1)/2)], r[1], r[NR]}'
done
curl -sS --cacert "$CA" -H 'Content-Type: application/timestamp-query' --data-binary @"$W/req.tsq" -o "$W/check.tsr" https://127.0.0.11:8443/tsa
openssl ts -verify -data README.md -in "$W/check.tsr" -CAfile "$CA" 2>/dev/null | grep -q "Verification: OK" && echo "(a token from the run verifies: OK)"
