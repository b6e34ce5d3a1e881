#!/usr/bin/env bash
# Long fuzzing campaigns with Jazzer's standalone driver, bounded in time, on the same targets that
# `./mvnw verify` runs for a few seconds each. Prints the executions and findings of each target.
#
#   bash bench/fuzz.sh csv 600                 # one target for 10 minutes
#   bash bench/fuzz.sh all 120                 # every target, 2 minutes each
#
# Targets: csv, libsvm, fasttext, model-file, model-content, predict-request (see `bash bench/fuzz.sh`).
# The growing corpus and any crashing input go to bench/work/fuzz/TARGET/ (ignored by git); copy a
# finding into the target's Inputs/fuzz/ folder in test resources once fixed, so that every build
# replays it. JAVA_HOME selects the JDK.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

declare -A MODULE=(
  [csv]=softclass-core [libsvm]=softclass-core [fasttext]=softclass-core [model-file]=softclass-core
  [model-content]=softclass-core [predict-request]=softclass-server)
declare -A CLASS=(
  [csv]=dev.softclass.data.CsvReaderFuzzTest
  [libsvm]=dev.softclass.data.LibsvmReaderFuzzTest
  [fasttext]=dev.softclass.data.FastTextReaderFuzzTest
  [model-file]=dev.softclass.io.ModelFileFuzzTest
  [model-content]=dev.softclass.io.ModelContentFuzzTest
  [predict-request]=dev.softclass.server.PredictRequestFuzzTest)

usage() {
  echo "usage: bash bench/fuzz.sh TARGET|all SECONDS   (targets: ${!CLASS[*]})" >&2
  exit 1
}
[ $# -eq 2 ] || usage
[[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ] || usage
if [ "$1" = all ]; then
  TARGETS=(csv libsvm fasttext model-file model-content predict-request)
else
  [ -n "${CLASS[$1]:-}" ] || usage
  TARGETS=("$1")
fi
SECONDS_EACH="$2"
JAVA="java"
[ -n "${JAVA_HOME:-}" ] && JAVA="$JAVA_HOME/bin/java"

echo "fuzz.sh: building the test classes..." >&2
(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true test-compile \
  -pl softclass-core,softclass-server -am) >&2
# Third-party jars from the build; the project's own classes from target/ (never a stale jar).
classpath() {
  local module="$1" file="$ROOT/bench/work/fuzz/$1.classpath"
  mkdir -p "$ROOT/bench/work/fuzz"
  (cd "$ROOT" && ./mvnw -q -B dependency:build-classpath -pl "$module" \
    -Dmdep.includeScope=test -Dmdep.excludeGroupIds=dev.softclass -Dmdep.outputFile="$file") >&2
  echo "$ROOT/$module/target/test-classes:$ROOT/$module/target/classes:$ROOT/softclass-core/target/classes:$(cat "$file")"
}

SUMMARY=()
for t in "${TARGETS[@]}"; do
  module="${MODULE[$t]}"
  work="$ROOT/bench/work/fuzz/$t"
  mkdir -p "$work/corpus"
  seeds="$ROOT/$module/src/test/resources/$(echo "${CLASS[$t]}" | tr . /)Inputs/fuzz"
  log="$work/run.log"
  touch "$work/.started"
  echo "fuzz.sh: $t for ${SECONDS_EACH}s (log: $log)" >&2
  set +e
  (cd "$ROOT/$module" && "$JAVA" -XX:+IgnoreUnrecognizedVMOptions -XX:+EnableDynamicAgentLoading \
    -cp "$(classpath "$module")" com.code_intelligence.jazzer.Jazzer \
    --target_class="${CLASS[$t]}" --instrumentation_includes='dev.softclass.**:com.fasterxml.jackson.core.**:de.siegmar.**' \
    --keep_going=10 -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 \
    -artifact_prefix="$work/" "$work/corpus" "$seeds") >"$log" 2>&1
  code=$?
  set -e
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $2 " executions in " $5 " s"}')
  findings=$(find "$work" -maxdepth 1 -name 'crash-*' -newer "$work/.started" | wc -l)
  SUMMARY+=("$t: ${runs:-no completed run (exit $code; see $log)}; crashing inputs: $findings")
done
printf '%s\n' "${SUMMARY[@]}"
