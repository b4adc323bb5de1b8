#!/usr/bin/env bash
# Logins per second at home and home's CPU per login (issue 5), for the build in BUILD (default:
# this checkout; an A/B runs it once per build, e.g. a `git worktree` of the commit before):
# a fresh federation, one enrolled citizen, bench/LoginLoad.java with 16 clients for 20 s of
# warm-up, then ROUNDS (2) loads of 20 s. Uses its own data directory; stops only what it started.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD:-$HERE}"
ROUNDS="${ROUNDS:-2}"
DATA="$HERE/target/bench-logins"
cd "$BUILD"
BC=$(ls ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.86/bcprov-jdk18on-1.86.jar)
EMB="./embassy --data $DATA"
$EMB down >/dev/null 2>&1 || true
rm -rf "$DATA"
trap '$EMB down >/dev/null 2>&1 || true' EXIT
$EMB up --detach >/dev/null
$EMB citizen enrol --code 38001010009 --name "Mari Maasikas" --out "$DATA/mari" >/dev/null
HOME_PID=$(cat "$DATA/home/site.pid"); TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
load() { java -Xmx256m -cp "$BC" "$HERE/bench/LoginLoad.java" https://127.0.0.11:8443 "$DATA/ca.pem" "$DATA/mari" 16 20; }
load >/dev/null   # warm-up
for i in $(seq 1 "$ROUNDS"); do
  c0=$(cpu "$HOME_PID"); out=$(load); c1=$(cpu "$HOME_PID")
  echo "$out" | awk -v c=$((c1 - c0)) -v tk="$TICKS" '{for (i = 1; i <= NF; i++) {split($i, a, "="); v[a[1]] = a[2]}}
    END {printf "%s  home CPU %.2f ms per login\n", $0, c * 1000 / tk / v["logins"]}'
done
