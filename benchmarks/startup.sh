#!/usr/bin/env bash
# Wall-clock of `./costflow estimate` on a generated model against `./costflow --help`
# (the CLI's own start-up), each the median of several runs, and their ratio.
# Usage: benchmarks/startup.sh [SERVICES=1000] [RUNS=21]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${1:-1000}"
RUNS="${2:-21}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

./mvnw -q -B -DskipTests -pl benchmarks -am package >/dev/null
java -cp "benchmarks/target/costflow-benchmarks.jar:benchmarks/target/lib/*" dev.costflow.bench.ModelGenerator "$N" "$TMP/model.yaml" 2>/dev/null
./costflow --help >/dev/null   # builds the CLI and its class-data archive if needed

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
time_runs() {
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null
    e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | median
}
HELP=$(time_runs ./costflow --help)
EST=$(time_runs ./costflow estimate "$TMP/model.yaml")
EST_JSON=$(time_runs ./costflow estimate "$TMP/model.yaml" --format json)
echo "services=$N runs=$RUNS"
echo "help_ms=$HELP"
echo "estimate_table_ms=$EST ratio=$(awk "BEGIN {printf \"%.2f\", $EST / $HELP}")"
echo "estimate_json_ms=$EST_JSON ratio=$(awk "BEGIN {printf \"%.2f\", $EST_JSON / $HELP}")"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
