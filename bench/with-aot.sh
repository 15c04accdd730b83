#!/usr/bin/env bash
# Runs the catch-up or the room-join bench with a JDK 25 AOT cache, as a packaged Natter would start: one
# training run writes the cache (-XX:AOTCacheOutput), then RUNS measured runs use it (-XX:AOTCache, AOTMode=on so
# an unusable cache fails instead of being ignored). Each run is a new JVM, as a user's start is.
#
#   bench/with-aot.sh [-n RUNS] catch-up|room-join [BENCH ARGS...]
#   e.g. bench/with-aot.sh -n 3 catch-up --messages 10000 --peers 20 --rounds 1 --returning 0 --sql
#
# The cache is trained on the bench's own workload: the best case for a cache, the one a packaged app's training
# run (a scripted first session) aims at. Prints each run's summary lines; the full logs stay in target/aot-bench.
set -euo pipefail

RUNS=3
if [[ "${1:-}" == "-n" ]]; then RUNS="$2"; shift 2; fi
case "${1:-}" in
  catch-up) MAIN=im.natter.bench.HistoryCatchUpBench ;;
  room-join) MAIN=im.natter.bench.RoomJoinBench ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
BENCH="$1"; shift

cd "$(dirname "$0")/.."
source bench/jdk.sh
WORK="$PWD/target/aot-bench"
mkdir -p "$WORK"
say() { printf '%s\n' "$*" >&2; }

# the AOT cache takes jars only: the product's classes, and the tests' (the Prosody harness) with the benches'; the
# bench profile builds both into target/bench (target/classes may be older)
say "building (./mvnw -q -B -Pbench -DskipTests test-compile, dependency:build-classpath)"
./mvnw -q -B -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/dependencies.txt"
JAR="$(dirname "$JAVA")/jar"
rm -f "$WORK"/*.jar
"$JAR" cf "$WORK/natter.jar" -C target/bench/classes .
"$JAR" cf "$WORK/natter-benches.jar" -C target/bench/test-classes .
CP="$WORK/natter.jar:$WORK/natter-benches.jar:$(cat "$WORK/dependencies.txt")"
# the benches' own flags (pom.xml's natter.bench.jvm.flags: the product's, with software rendering)
read -r -a FLAGS <<<"$(pom_property natter.bench.jvm.flags)"

CACHE="$WORK/$BENCH.aot"
rm -f "$CACHE"
say "training the AOT cache: one $BENCH run with -XX:AOTCacheOutput"
"$JAVA" -XX:AOTCacheOutput="$CACHE" "${FLAGS[@]}" -cp "$CP" "$MAIN" "$@" >"$WORK/$BENCH-training.log" 2>&1
[[ -f "$CACHE" ]] || { say "no AOT cache was written; log: $WORK/$BENCH-training.log"; exit 1; }
say "  $(du -h "$CACHE" | cut -f1) written"

for i in $(seq "$RUNS"); do
  log="$WORK/$BENCH-$i.log"
  say "run $i of $RUNS with the cache (log: $log)"
  "$JAVA" -XX:AOTCache="$CACHE" -XX:AOTMode=on "${FLAGS[@]}" -cp "$CP" "$MAIN" "$@" >"$log" 2>&1
  grep -E '^(round|with UI|median|with the UI|first|returning|scenario|load average)' "$log" || true
done
