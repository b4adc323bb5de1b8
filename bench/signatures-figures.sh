#!/usr/bin/env bash
# Issue #5 figures over HTTPS at one site (home) of a local federation, in one run
# (docs/benchmarks.md):
#  1. time-stamp tokens/s (wrk: keep-alive, then HTTP/1.1 pipelining) and the site's CPU use ->
#     tokens per core-second, vs `openssl speed ecdsap256` sign/s of one core, same run; ROUNDS
#     rounds (default 3) with openssl measured between every two loads, the median reported
#  2. OCSP responses/s vs the `openssl ocsp` responder on the same certificates and the same
#     responder key, same load tool (wrk) and request; openssl runs in a network namespace of its
#     own (it binds every interface) with its wrk beside it; it cannot keep connections alive.
#     (hey is not used: the JDK's TLS server answers its Go client "illegal parameter".)
#  3. logins/s (bench/LoginLoad.java)
# Uses its own data directory (target/bench-signatures), never data/. Stops only what it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="$ROOT/target/bench-signatures"
W="$ROOT/target/bench-signatures-work"
EMB="./embassy --data $DATA"
SECONDS_EACH="${SECONDS_EACH:-20}"
WARMUP="${WARMUP:-45}"   # seconds of load per endpoint first: with the optimising compiler (C2) a path takes ≈ 40 s to its steady state
CONC="${CONC:-16}"
ROUNDS="${ROUNDS:-3}"
# PLAIN_HTTP=1: the sites also listen on plain HTTP :8080 (an experiment only: a site never serves
# plain HTTP in production, ARCHITECTURE.md §6) and each round loads /tsa over it too: what TLS costs
PLAIN_HTTP="${PLAIN_HTTP:-0}"
OPENSSL_PID=""
cleanup() {
  $EMB down >/dev/null 2>&1 || true
  [ -n "$OPENSSL_PID" ] && kill -9 "$OPENSSL_PID" 2>/dev/null || true
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }

$EMB down >/dev/null 2>&1 || true
rm -rf "$DATA" "$W"; mkdir -p "$W"
if [ "$PLAIN_HTTP" = 1 ]; then
  export EMBASSY_SITE_JAVA_OPTS="${EMBASSY_SITE_JAVA_OPTS:-} -Dquarkus.http.insecure-requests=enabled -Dquarkus.http.port=8080"
fi
$EMB up --detach >/dev/null
PID=$(cat "$DATA/home/site.pid")
TICKS=$(getconf CLK_TCK)
CA="$DATA/ca.pem"
OPERATOR=(--cert "$DATA/operator/cert.pem" --key "$DATA/operator/key.pem")   # the operator's certificate
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1); site JVM: -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${EMBASSY_SITE_JAVA_OPTS:-}"

cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
# load NAME BODY CONTENT-TYPE CLOSE URL: wrk's requests/s and errors, and the site's CPU in cores
# (CLOSE=pipelined: 4 connections, each sending $DEPTH requests per write)
load() {
  local name=$1 body=$2 ctype=$3 close=$4 url=$5 c0 t0 c1 t1
  local args=(-t 2 -c "$CONC" -s bench/post-body.lua)
  [ "$close" = pipelined ] && args=(-t 1 -c 4 -s bench/post-pipelined.lua)
  c0=$(cpu "$PID"); t0=$(date +%s.%N)
  BODY="$body" CTYPE="$ctype" CLOSE="$close" DEPTH="${DEPTH:-8}" wrk "${args[@]}" -d "${SECONDS_EACH}s" --latency \
    "$url" > "$W/wrk-$name.txt"
  c1=$(cpu "$PID"); t1=$(date +%s.%N)
  report "$name" "$W/wrk-$name.txt" "$(awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v tk="$TICKS" 'BEGIN {print (c1-c0)/tk/(t1-t0)}')"
}
# report NAME FILE [SITE_CORES]
report() {
  awk -v n="$1" -v cores="${3:-}" '
    /Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$NF} /Socket errors/ {err=$0} / 99%/ {p99=$2}
    END {printf "%s: %.0f req/s, p99 %s, non-2xx %d%s", n, rps, p99, bad, (err ? ", " err : "");
         if (cores != "") printf ", site CPU %.2f cores, %.0f per core-second", cores, rps/cores; printf "\n"}' "$2"
}

echo "== 1. time-stamp tokens ($ROUNDS rounds after $WARMUP s of warm-up; openssl speed between every two loads)"
speed() { openssl speed -seconds 3 ecdsap256 2>/dev/null | awk '/256 bits ecdsa/ {print $(NF-1); exit}'; }
openssl ts -query -data README.md -sha256 -cert -out "$W/req.tsq" 2>/dev/null
SECONDS_EACH=$WARMUP load warm-up "$W/req.tsq" application/timestamp-query 0 https://127.0.0.11:8443/tsa >/dev/null
[ "$PLAIN_HTTP" = 1 ] && SECONDS_EACH=$WARMUP load warm-up-http "$W/req.tsq" application/timestamp-query 0 http://127.0.0.11:8080/tsa >/dev/null
# The machine's speed drifts (a shared VM: ±20-30 % within minutes): each load's ratio uses the mean
# of openssl speed measured right before and right after it, and the figure is the median of the rounds.
: > "$W/ratios.txt"
BEFORE=$(speed)
for round in $(seq 1 "$ROUNDS"); do
  modes="keepalive pipelined"; [ "$PLAIN_HTTP" = 1 ] && modes="$modes keepalive-http"
  for mode in $modes; do
    case $mode in
      keepalive) OUT=$(load tsa-keepalive-$round "$W/req.tsq" application/timestamp-query 0 https://127.0.0.11:8443/tsa) ;;
      pipelined) OUT=$(load tsa-pipelined-$round "$W/req.tsq" application/timestamp-query pipelined https://127.0.0.11:8443/tsa) ;;
      keepalive-http) OUT=$(load tsa-keepalive-http-$round "$W/req.tsq" application/timestamp-query 0 http://127.0.0.11:8080/tsa) ;;
    esac
    AFTER=$(speed)
    echo "$OUT" | awk -v m="$mode" -v a="$BEFORE" -v b="$AFTER" '{for(i=1;i<=NF;i++) if($i=="per") pc=$(i-1)}
      END {s=(a+b)/2; r=pc/s; printf "%s  | openssl speed %.0f / %.0f sign/s -> tokens per core-second / openssl = %.2f\n", $0, a, b, r > "/dev/stderr"; print m, r}' >> "$W/ratios.txt"
    BEFORE=$AFTER
  done
done 2>&1
for mode in keepalive pipelined keepalive-http; do
  awk -v m="$mode" '$1 == m' "$W/ratios.txt" | sort -k2 -n | awk -v m="$mode" '{r[NR]=$2} END {if (NR) printf "median over %d rounds, %s: tokens per core-second / openssl sign/s = %.2f (%.2f-%.2f)\n", NR, m, r[int((NR+1)/2)], r[1], r[NR]}'
done
curl -sS --cacert "$CA" -H 'Content-Type: application/timestamp-query' --data-binary @"$W/req.tsq" -o "$W/check.tsr" https://127.0.0.11:8443/tsa
openssl ts -verify -data README.md -in "$W/check.tsr" -CAfile "$CA" 2>/dev/null | grep -q "Verification: OK" && echo "(a token from the run verifies: OK)"

[ "${ONLY_TOKENS:-0}" = 1 ] && exit 0   # ONLY_TOKENS=1: section 1 only

echo "== 2. OCSP"
mkdir -p "$W/certs"; : > "$W/index.txt"
for i in $(seq 1 100); do
  openssl ecparam -name prime256v1 -genkey -noout -out "$W/certs/$i.key" 2>/dev/null
  pub=$(openssl ec -in "$W/certs/$i.key" -pubout 2>/dev/null | awk '{printf "%s\\n", $0}')
  code=$(printf '3%02d0101%03d' $((i % 90 + 10)) "$i"); 
  # a valid personal code: try check digits until the site accepts one
  for d in 0 1 2 3 4 5 6 7 8 9; do
    status=$(curl -sS -o "$W/certs/$i.json" -w '%{http_code}' --cacert "$CA" "${OPERATOR[@]}" \
      -H 'Content-Type: application/json' \
      -d "{\"personalCode\":\"$code$d\",\"name\":\"Citizen $i\",\"publicKey\":\"$pub\"}" https://127.0.0.11:8443/certificates)
    [ "$status" = 201 ] && break
  done
  sed 's/.*"certificate":"\([^"]*\)".*/\1/' "$W/certs/$i.json" | sed 's/\\n/\n/g' > "$W/certs/$i.pem"
  [ -f "$W/issuer.pem" ] || sed 's/.*"issuer":"\([^"]*\)".*/\1/' "$W/certs/$i.json" | sed 's/\\n/\n/g' > "$W/issuer.pem"
  serial=$(openssl x509 -in "$W/certs/$i.pem" -noout -serial | cut -d= -f2)
  end=$(date -u -d "$(openssl x509 -in "$W/certs/$i.pem" -noout -enddate | cut -d= -f2)" +%y%m%d%H%M%SZ)
  subject=$(openssl x509 -in "$W/certs/$i.pem" -noout -subject -nameopt compat | sed 's/^subject=//')
  printf 'V\t%s\t\t%s\tunknown\t%s\n' "$end" "$serial" "$subject" >> "$W/index.txt"
done
echo "100 citizens enrolled; openssl index: $(wc -l < "$W/index.txt") lines"
openssl ocsp -issuer "$W/issuer.pem" -cert "$W/certs/1.pem" -reqout "$W/ocsp.req" >/dev/null 2>&1
# without a nonce (RFC 5019, as browsers ask): our site answers a pre-produced response
openssl ocsp -issuer "$W/issuer.pem" -cert "$W/certs/1.pem" -no_nonce -reqout "$W/ocsp-nononce.req" >/dev/null 2>&1
openssl ocsp -issuer "$W/issuer.pem" -cert "$W/certs/1.pem" -url https://127.0.0.11:8443/ocsp -CAfile "$CA" 2>&1 | grep -E ": good|verify"
SECONDS_EACH=$WARMUP load warm-up "$W/ocsp.req" application/ocsp-request 0 https://127.0.0.11:8443/ocsp >/dev/null
# openssl_load REQ NAME: wrk against an `openssl ocsp -multi 2` responder (-multi 1 answered nothing
# to 16 connections, docs/benchmarks.md) on the same certificates and responder key; it answers
# plain HTTP and closes the connection after each response
openssl_load() {
  local req=$1 name=$2
  unshare -n bash -c "
    ip link set lo up
    openssl ocsp -index $W/index.txt -port 8889 -rsigner $DATA/ca/ocsp-cert.pem -rkey $DATA/ca/ocsp-key.pem -CA $CA -ignore_err -multi 2 >/dev/null 2>&1 &
    o=\$!
    for i in \$(seq 1 50); do (echo > /dev/tcp/127.0.0.1/8889) 2>/dev/null && break; sleep 0.1; done   # until it listens, at most 5 s
    openssl ocsp -issuer $W/issuer.pem -cert $W/certs/1.pem -url http://127.0.0.1:8889 -CAfile $CA 2>&1 | grep -qE ': good' || echo 'openssl ocsp did not answer good' >&2
    BODY=$W/$req CTYPE=application/ocsp-request CLOSE=1 wrk -t 2 -c $CONC -d ${SECONDS_EACH}s --latency \
      -s bench/post-body.lua http://127.0.0.1:8889/ > $W/wrk-$name.txt
    pkill -9 -P \$o 2>/dev/null; kill -9 \$o 2>/dev/null; true
  "
  report "$name" "$W/wrk-$name.txt"
}
# rounds alternate the two responders, as for the tokens: the median of the per-round ratios
: > "$W/ocsp-ratios.txt"
for round in $(seq 1 "$ROUNDS"); do
  for kind in nonce no-nonce; do
    req=ocsp.req; [ $kind = no-nonce ] && req=ocsp-nononce.req
    OURS=$(load ocsp-$kind-keepalive-$round "$W/$req" application/ocsp-request 0 https://127.0.0.11:8443/ocsp)
    THEIRS=$(openssl_load $req openssl-ocsp-$kind-$round)
    echo "$OURS"; echo "$THEIRS"
    awk -v k="$kind" -v a="$OURS" -v b="$THEIRS" 'BEGIN {split(a, x, " "); split(b, y, " "); printf "%s %.2f\n", k, x[2]/y[2]}' >> "$W/ocsp-ratios.txt"
    tail -1 "$W/ocsp-ratios.txt" | awk '{printf "  -> %s: ours / openssl ocsp = %s\n", $1, $2}'
  done
done
load ocsp-new-connections "$W/ocsp.req" application/ocsp-request 1 https://127.0.0.11:8443/ocsp
for kind in nonce no-nonce; do
  awk -v m="$kind" '$1 == m' "$W/ocsp-ratios.txt" | sort -k2 -n | awk -v m="$kind" '{r[NR]=$2} END {if (NR) printf "median over %d rounds, OCSP %s: ours / openssl ocsp = %.2f (%.2f-%.2f)\n", NR, m, r[int((NR+1)/2)], r[1], r[NR]}'
done

echo "== 3. logins"
BC=$(ls ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.86/bcprov-jdk18on-1.86.jar)
$EMB citizen enrol --code 38001010009 --name "Mari Maasikas" --out "$W/mari" >/dev/null
c0=$(cpu "$PID"); t0=$(date +%s.%N)
java -Xmx256m -cp "$BC" bench/LoginLoad.java https://127.0.0.11:8443 "$CA" "$W/mari" "$CONC" "$SECONDS_EACH"
c1=$(cpu "$PID"); t1=$(date +%s.%N)
awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v tk="$TICKS" 'BEGIN {printf "site CPU during the logins: %.2f cores\n", (c1-c0)/tk/(t1-t0)}'
echo "== RSS after: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$PID/status) (home)"
