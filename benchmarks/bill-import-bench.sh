#!/usr/bin/env bash
# Billing import benchmark (BENCHMARKS.md, "Billing import"): rows per second of `import cur` on a
# generated hourly gzip CUR, beside the floor of just decompressing and splitting the same file,
# and peak memory at two file sizes. Usage: benchmarks/bill-import-bench.sh [ROWS...] (default 1000000 10000000)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then ROWS=("$@"); else ROWS=(1000000 10000000); fi
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/costflow-bill-bench}"
mkdir -p "$WORK"
./mvnw -q -B -DskipTests -pl benchmarks -am package
CP="benchmarks/target/costflow-benchmarks.jar:benchmarks/target/lib/*"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The same JVM settings for every size: memory flat in the file size means the same heap suffices.
OPTS="${BENCH_JAVA_OPTS:--Xmx256m -XX:+UseParallelGC}"
for n in "${ROWS[@]}"; do
  f="$WORK/cur-$n.csv.gz"
  [ -f "$f" ] || "$JAVA" $OPTS -cp "$CP" dev.costflow.bench.BillImportBench generate "$f" "$n"
  "$JAVA" $OPTS -cp "$CP" dev.costflow.bench.BillImportBench floor "$f"
  "$JAVA" $OPTS -cp "$CP" dev.costflow.bench.BillImportBench import "$f" "$WORK/home-$n"
done
