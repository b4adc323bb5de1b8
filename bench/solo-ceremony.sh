#!/usr/bin/env bash
# The key ceremony for one unreplicated site of a benchmark (no ./embassy): usage
#   bench/solo-ceremony.sh DATA_DIR SITE
# A state token (DATA_DIR/state) and the site's (DATA_DIR/SITE) in one SoftHSM configuration
# (DATA_DIR/SITE/token/softhsm2.conf), the state's keys piped from one to the other, the site's keys
# certified by the state root through a pipe and a FIFO (requests one way, certificates back).
# Prints the SOFTHSM2_CONF the site must run with.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$1"; SITE="$2"
APP="$ROOT/site/target/quarkus-app"
export SOFTHSM2_CONF="$DIR/$SITE/token/softhsm2.conf"
ceremony() { java -Xmx64m -cp "$APP/lib/boot/*:$APP/lib/main/*" org.dataembassy.runtime.crypto.token.KeyCeremony "$@"; }
mkdir -p "$DIR/$SITE/token"
ceremony init-state "$DIR/state" >/dev/null
ceremony export "$DIR/state" | ceremony import "$DIR/$SITE" >/dev/null
rm -f "$DIR/answers"; mkfifo "$DIR/answers"
ceremony certify-keys "$DIR/$SITE" <"$DIR/answers" | ceremony certify "$DIR/state" "$SITE" >"$DIR/answers"
rm -f "$DIR/answers"
ceremony delegate-ocsp "$DIR/$SITE" >/dev/null
echo "$SOFTHSM2_CONF"
