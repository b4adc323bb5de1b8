#!/usr/bin/env bash
# Runs every test: unit tests, @QuarkusTest API tests, and the multi-process tests that start real
# site processes, curl, openssl, dig, BIND, SoftHSM2 tokens and a PostgreSQL server of their own. Installs what they need when missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)   # network namespaces for the partition tests
command -v dig >/dev/null 2>&1 || missing+=(bind9-dnsutils)   # dig, against every site's DNS server
[ -x /usr/sbin/named ] || missing+=(bind9)   # a real BIND 9 receiving the sites' RFC 2136 updates (F0700)
ls /usr/lib/softhsm/libsofthsm2.so >/dev/null 2>&1 || missing+=(softhsm2)   # every site's and the state's PKCS#11 token
command -v openssl >/dev/null 2>&1 || missing+=(openssl)   # openssl ts / ocsp / cms / dgst as citizens' clients
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

exec mvn -B -Dstyle.color=never verify "$@"
