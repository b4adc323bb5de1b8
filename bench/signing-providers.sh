#!/usr/bin/env bash
# Issue #5: which JCA provider signs for the state (docs/benchmarks.md). JMH (bench/jmh):
# ECDSA P-256 signatures and whole RFC 3161 responses (our TimeStampAuthority) with the Amazon
# Corretto Crypto Provider, Bouncy Castle and the JDK's SunEC, 1 and 2 threads; then
# `openssl speed ecdsap256` on the same machine in the same run, for the ratio.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q install -DskipTests -pl runtime -am
mvn -q -f bench/jmh/pom.xml package
CP="bench/jmh/target/embassy-bench-jmh-0.1.0-SNAPSHOT.jar:bench/jmh/target/lib/*"
echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for threads in 1 2; do
  echo "== JMH, $threads thread(s)"
  java -cp "$CP" org.openjdk.jmh.Main SigningBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s -t "$threads" 2>&1 \
    | sed -n '/^Benchmark/,$p'
done
echo "== openssl speed -seconds 3 ecdsap256 (1 process; then -multi 2)"
openssl speed -seconds 3 ecdsap256 2>/dev/null | grep -E "^ *256 bits ecdsa|sign/s"
openssl speed -seconds 3 -multi 2 ecdsap256 2>/dev/null | grep -E "^ *256 bits ecdsa|ecdsa.*256"
