#!/usr/bin/env bash
# Side by side: Softclass as one more system of the anchors harness in ../shared/anchors, on the same
# split files, scored by the same scorer. Rows print as they finish; all rows land in
# bench/work/results/ (results.jsonl, last.md).
#
#   bash bench/anchors.sh                                    # digits, spambase, satimage, mnist
#   bash bench/anchors.sh --systems 'sklearn-lr-lbfgs,liblinear-s0,extra' ../shared/data/spambase
#   bash bench/anchors.sh --softclass-args '--optimizer sgd --epochs 10' ../shared/data/digits
#
# Other options go to the harness (bench.py --help): --C, --threads, --timeout, --systems, ...
# Needs ../shared beside the project (its install.sh installs scikit-learn, liblinear, fastText).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="$ROOT/../shared/anchors"
DATA="$ROOT/../shared/data"
if [ ! -f "$ANCHORS/run.sh" ]; then
  echo "bench/anchors.sh: $ANCHORS is absent: this benchmark needs ../shared beside the project" >&2
  exit 1
fi

SYSTEMS="sklearn-lr-lbfgs,liblinear-s0,extra"
SOFTCLASS_ARGS=""
ARGS=()
DATASETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --systems) SYSTEMS="$2"; shift 2 ;;
    --softclass-args) SOFTCLASS_ARGS="$2"; shift 2 ;;
    --*) ARGS+=("$1" "$2"); shift 2 ;;
    *) DATASETS+=("$1"); shift ;;
  esac
done
[ ${#DATASETS[@]} -gt 0 ] || DATASETS=("$DATA/digits" "$DATA/spambase" "$DATA/satimage" "$DATA/mnist")

JAR="$ROOT/softclass-bench/target/softclass-bench.jar"
(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl softclass-bench -am) >&2
JAVA="${SOFTCLASS_JAVA:-java}"
CMD="$JAVA -Xms256m -Xmx12g -cp $JAR dev.softclass.bench.AnchorSystem --train {train} --test {test}"
CMD="$CMD --format {format} --k {k} --C {C} --epochs {epochs} --out {out} $SOFTCLASS_ARGS"

export ANCHORS_WORK="${ANCHORS_WORK:-$ROOT/bench/work}"
# Two rows: Softclass as a user runs it (its own scaling on top of the harness's), and with
# --scale none, which solves exactly the problem the other systems solve on the harness's
# already-scaled features.
exec bash "$ANCHORS/run.sh" --systems "$SYSTEMS" --extra "softclass=$CMD" \
  --extra "softclass-same-scaling=$CMD --scale none" "${ARGS[@]}" "${DATASETS[@]}"
