#!/usr/bin/env bash
# Side by side: Softclass as one more system of the anchors harness in ../shared/anchors, on the same
# split files, scored by the same scorer. Rows print as they finish; all rows land in
# bench/work/results/ (results.jsonl, last.md).
#
#   bash bench/anchors.sh                                    # digits, spambase, satimage, mnist
#   bash bench/anchors.sh --systems 'sklearn-lr-lbfgs,liblinear-s0,extra' ../shared/data/spambase
#   bash bench/anchors.sh --variant 'softclass-sgd=--optimizer sgd' ../shared/data/mnist
#
# Each --variant NAME=ARGS adds one Softclass row trained with those AnchorSystem arguments; without
# any, two rows: "softclass" (its defaults, its own scaling on top of the harness's) and
# "softclass-same-scaling" (--scale none: exactly the problem the other systems solve on the
# harness's already-scaled features). Other options go to the harness (bench.py --help): --C,
# --threads, --timeout, --systems, --tag, ... Needs ../shared beside the project (its install.sh
# installs scikit-learn, liblinear and fastText from Debian, and builds the JVM anchors).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="$ROOT/../shared/anchors"
DATA="$ROOT/../shared/data"
if [ ! -f "$ANCHORS/run.sh" ]; then
  echo "bench/anchors.sh: $ANCHORS is absent: this benchmark needs ../shared beside the project" >&2
  exit 1
fi

SYSTEMS="sklearn-lr-lbfgs,liblinear-s0,extra"
VARIANTS=()
ARGS=()
DATASETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --systems) SYSTEMS="$2"; shift 2 ;;
    --variant) VARIANTS+=("$2"); shift 2 ;;
    --*) ARGS+=("$1" "$2"); shift 2 ;;
    *) DATASETS+=("$1"); shift ;;
  esac
done
[ ${#DATASETS[@]} -gt 0 ] || DATASETS=("$DATA/digits" "$DATA/spambase" "$DATA/satimage" "$DATA/mnist")
[ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=("softclass=" "softclass-same-scaling=--scale none")

JAR="$ROOT/softclass-bench/target/softclass-bench.jar"
(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl softclass-bench -am) >&2
JAVA="${SOFTCLASS_JAVA:-java}"
CMD="$JAVA --add-modules jdk.incubator.vector ${SOFTCLASS_JAVA_OPTS:-} -cp $JAR"
CMD="$CMD dev.softclass.bench.AnchorSystem --train {train} --test {test} --format {format}"
CMD="$CMD --k {k} --C {C} --epochs {epochs} --out {out}"
EXTRAS=()
for v in "${VARIANTS[@]}"; do
  EXTRAS+=(--extra "${v%%=*}=$CMD ${v#*=}")
done

export ANCHORS_WORK="${ANCHORS_WORK:-$ROOT/bench/work}"
exec bash "$ANCHORS/run.sh" --systems "$SYSTEMS" "${EXTRAS[@]}" "${ARGS[@]}" "${DATASETS[@]}"
