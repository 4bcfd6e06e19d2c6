#!/usr/bin/env bash
# Price List import benchmark (BENCHMARKS.md, "Price List import"): MB per second and peak memory
# of reading a generated AWSLambda offer file of PRODUCTS products, with a small heap to show the
# file is streamed. Usage: benchmarks/pricelist-import-bench.sh [PRODUCTS...] (default 300000)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(300000); fi
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/costflow-pricelist-bench}"
mkdir -p "$WORK"
./mvnw -q -B -DskipTests -pl benchmarks -am package
CP="benchmarks/target/costflow-benchmarks.jar:benchmarks/target/lib/*"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
OPTS="${BENCH_JAVA_OPTS:--Xmx48m}"
for n in "${SIZES[@]}"; do
  f="$WORK/AWSLambda-$n.json"
  [ -f "$f" ] || "$JAVA" -cp "$CP" dev.costflow.bench.PriceListBench generate "$f" "$n"
  "$JAVA" $OPTS -cp "$CP" dev.costflow.bench.PriceListBench import "$f"
done
