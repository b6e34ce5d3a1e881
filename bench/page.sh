#!/usr/bin/env bash
# Regenerates docs/benchmarks.md, its charts and the rank table from stored runs of bench/run.sh,
# without running anything: each dataset x system row comes from the latest of the given runs that
# has it, and the page names the run (date, command, machine) of every row.
#
#   bash bench/page.sh [--page FILE] TAG [TAG ...]     # e.g. run-20261206-153253 run-20261206-170012
#
# The runs' rows are read from ${ANCHORS_WORK:-bench/work}/results (results.jsonl, TAG-env.json and
# TAG-command.txt, which bench/run.sh writes); bench/work is not versioned, so this works where the
# runs were made.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAGE="$ROOT/docs/benchmarks.md" TAGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --page) PAGE="$2"; shift 2 ;;
    --*) echo "bench/page.sh: unknown option $1" >&2; exit 1 ;;
    *) TAGS+=("$1"); shift ;;
  esac
done
[ ${#TAGS[@]} -gt 0 ] || { echo "bench/page.sh: name at least one run tag (run-YYYYMMDD-HHMMSS)" >&2; exit 1; }
RESULTS="${ANCHORS_WORK:-$ROOT/bench/work}/results"
for t in "${TAGS[@]}"; do
  for f in "$RESULTS/$t-env.json" "$RESULTS/$t-command.txt"; do
    [ -f "$f" ] || { echo "bench/page.sh: $f is missing: is $t a run of bench/run.sh made here?" >&2; exit 1; }
  done
done
JAR="$ROOT/softclass-bench/target/softclass-bench.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl softclass-bench -am) >&2
LIST="$(IFS=,; echo "${TAGS[*]}")"
java -Djava.awt.headless=true -cp "$JAR" dev.softclass.bench.page.BenchmarkPage \
  --results "$RESULTS/results.jsonl" --tags "$LIST" --out "$PAGE"
# Softclass's rank per dataset with the reason wherever it is not first
RANKS="$(mktemp)"
python3 "$ROOT/bench/rank_reasons.py" --results "$RESULTS/results.jsonl" --tags "$LIST" --out "$RANKS"
{ echo; cat "$RANKS"; } >>"$PAGE"
rm -f "$RANKS"
echo "bench/page.sh: wrote $PAGE from ${TAGS[*]}" >&2
