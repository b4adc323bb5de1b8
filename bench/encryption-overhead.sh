#!/usr/bin/env bash
# Issue 12 §3 figure: what encrypting personal data in the projections (and the data key from the
# site's PKCS#11 token) adds to the p50 of an acknowledged write and of GET /parcels/{id}.
# A/B against the build before it: BEFORE=<worktree of the commit before> (e.g.
#   git worktree add ../before 10bbdf2 && (cd ../before && mvn -q -Dmaven.test.skip=true install)).
# Each round starts a fresh federation of one build, then the other (both use 127.0.0.11-13), and
# measures after a warm-up: 1 client, WRITES sequential registrations at home (sync backups to both
# embassies), then 1 client reading random parcels of those at lux for READ_SECONDS.
# Uses its own data directories (target/bench-enc-*), never data/. Stops only what it started.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BEFORE="${BEFORE:?set BEFORE to a built worktree of the commit before}"
ROUNDS="${ROUNDS:-3}"
WRITES="${WRITES:-1000}"
READ_SECONDS="${READ_SECONDS:-15}"
LOAD="java -Xmx256m $HERE/bench/LandRegisterLoad.java"
current=""
trap '[ -n "$current" ] && (cd "$current" && ./embassy --data "$data" down >/dev/null 2>&1) || true' EXIT

measure() { # build label
  current="$1"; data="$HERE/target/bench-enc-$2"
  (cd "$current" && ./embassy --data "$data" down >/dev/null 2>&1 || true)
  rm -rf "$data"
  (cd "$current" && ./embassy --data "$data" up --detach >/dev/null)
  $LOAD write https://127.0.0.11:8443 "$data/ca.pem" 80001 500 1 >/dev/null          # warm-up
  $LOAD write https://127.0.0.11:8443 "$data/ca.pem" 80002 "$WRITES" 1 | sed "s/^/$2 /"
  sleep 1
  $LOAD read https://127.0.0.12:8443 "$data/ca.pem" 80002 "$WRITES" 1 5 >/dev/null     # warm-up
  $LOAD read https://127.0.0.12:8443 "$data/ca.pem" 80002 "$WRITES" 1 "$READ_SECONDS" | sed "s/^/$2 /"
  (cd "$current" && ./embassy --data "$data" down >/dev/null)
  current=""
}

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$ROUNDS"); do
  echo "== round $i"
  measure "$BEFORE" before
  measure "$HERE" after
done
