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
# the reads measure a site's capacity from one client address: no per-address limit of anonymous reads
export EMBASSY_SITE_JAVA_OPTS="${EMBASSY_SITE_JAVA_OPTS:-} -Dembassy.land-register.anonymous-read-burst=0"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BEFORE="${BEFORE:?set BEFORE to a built worktree of the commit before}"
ROUNDS="${ROUNDS:-3}"
WRITES="${WRITES:-1000}"
READ_SECONDS="${READ_SECONDS:-15}"
WRITE_AT="${WRITE_AT:-127.0.0.11}"   # 127.0.0.13: writes sent to emb2, forwarded to home
# each build is driven by its own load program (the caller's credential changed with issue 12 §5)
load() { java -Xmx256m "$current/bench/LandRegisterLoad.java" "$@"; }
current=""
trap '[ -n "$current" ] && (cd "$current" && ./embassy --data "$data" down >/dev/null 2>&1) || true' EXIT

measure() { # build label
  current="$1"; data="$HERE/target/bench-enc-$2"
  (cd "$current" && ./embassy --data "$data" down >/dev/null 2>&1 || true)
  rm -rf "$data"
  (cd "$current" && ./embassy --data "$data" up --detach >/dev/null)
  load write "https://$WRITE_AT:8443" "$data/ca.pem" 80001 500 1 >/dev/null          # warm-up
  load write "https://$WRITE_AT:8443" "$data/ca.pem" 80002 "$WRITES" 1 | sed "s/^/$2 /"
  sleep 1
  load read https://127.0.0.12:8443 "$data/ca.pem" 80002 "$WRITES" 1 5 >/dev/null     # warm-up
  load read https://127.0.0.12:8443 "$data/ca.pem" 80002 "$WRITES" 1 "$READ_SECONDS" | sed "s/^/$2 /"
  (cd "$current" && ./embassy --data "$data" down >/dev/null)
  current=""
}

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$ROUNDS"); do
  echo "== round $i"
  measure "$BEFORE" before
  measure "$HERE" after
done
