#!/usr/bin/env bash
# The side-by-side benchmark suite: every development dataset of ../shared/data through the
# ../shared/anchors harness (scikit-learn, liblinear, fastText, Smile, Tribuo, Weka) with Softclass
# plugged in through its command line (bench/softclass-system.sh), then docs/benchmarks.md and its
# charts regenerated from this run's rows.
#
#   bash bench/run.sh                  # every dataset, at most 150 minutes
#   bash bench/run.sh --quick          # the small datasets only (a few minutes)
#   bash bench/run.sh --minutes 60 --timeout 300 ../shared/data/digits ../shared/data/mnist
#   bash bench/run.sh --also-tag run-20261206-153253 ../shared/data/mnist   # page from both runs
#
# Options: --quick; --minutes M bounds the whole run (default 150: datasets not reached are left
# out of the page, which says so); --timeout S bounds each system (default 600); --page FILE (default
# docs/benchmarks.md); --variant NAME=ARGS replaces the Softclass rows (NAME must start with
# "softclass"; ARGS are `softclass train` options; several allowed); --also-tag TAG (several
# allowed) builds the page from earlier runs too, each dataset x system row from the latest run
# that has it (bench/page.sh regenerates a page from stored runs alone). Any other --option VALUE
# goes to the harness (bench.py --help). yeast is multi-label: bench/multilabel.sh compares it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="$ROOT/../shared/anchors"
DATA="$ROOT/../shared/data"
if [ ! -f "$ANCHORS/run.sh" ] || [ ! -d "$DATA" ]; then
  echo "bench/run.sh: this benchmark needs ../shared beside the project (../shared/anchors and" \
    "../shared/data); they are absent here, so nothing was run" >&2
  exit 1
fi

QUICK=0 MINUTES=150 TIMEOUT=600 PAGE="$ROOT/docs/benchmarks.md"
VARIANTS=() ARGS=() DATASETS=() ALSO=()
COMMAND="bash bench/run.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; shift ;;
    --minutes) MINUTES="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --page) PAGE="$2"; shift 2 ;;
    --variant) VARIANTS+=("$2"); shift 2 ;;
    --also-tag) ALSO+=("$2"); shift 2 ;;
    --*) ARGS+=("$1" "$2"); shift 2 ;;
    *) DATASETS+=("$1"); shift ;;
  esac
done
if [ ${#DATASETS[@]} -eq 0 ]; then
  SMALL="iris wine glass sonar ionosphere breast_cancer_wdbc pima_diabetes vehicle digits"
  LARGE="spambase satimage sentiment_sentences reuters_corn mnist census_fertility_1980 udhr_langid wordnet_hypernym"
  for d in $SMALL; do DATASETS+=("$DATA/$d"); done
  [ "$QUICK" = 1 ] || for d in $LARGE; do DATASETS+=("$DATA/$d"); done
fi
if [ ${#VARIANTS[@]} -eq 0 ]; then
  VARIANTS=("softclass=--optimizer lbfgs" "softclass-sgd=--optimizer sgd")
fi

(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl softclass-cli,softclass-bench -am) >&2
EXTRAS=()
for v in "${VARIANTS[@]}"; do
  EXTRAS+=(--extra "${v%%=*}=bash $ROOT/bench/softclass-system.sh --train {train} --test {test} --format {format} --k {k} --C {C} --out {out} -- ${v#*=}")
done

export ANCHORS_WORK="${ANCHORS_WORK:-$ROOT/bench/work}"
TAG="run-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$ANCHORS_WORK/results"
ENV_JSON="$ANCHORS_WORK/results/$TAG-env.json"
python3 - "$ANCHORS" "$ROOT" >"$ENV_JSON" <<'EOF'
import json, os, re, subprocess, sys
anchors, root = sys.argv[1], sys.argv[2]
sys.path.insert(0, anchors)
import bench  # the harness's own description of the machine and the Python/Debian tools
env = bench.versions()
pom = open(os.path.join(anchors, "jvm", "pom.xml")).read()
for name in ("smile", "tribuo", "weka", "liblinear"):
    m = re.search(r"<%s\.version>([^<]+)<" % name, pom)
    if m:
        env[name + (" (java)" if name == "liblinear" else "")] = m.group(1)
env["softclass"] = subprocess.run(["git", "-C", root, "describe", "--always", "--dirty"],
                                  capture_output=True, text=True).stdout.strip()
print(json.dumps(env))
EOF

echo "$COMMAND" >"$ANCHORS_WORK/results/$TAG-command.txt"
echo "bench/run.sh: ${#DATASETS[@]} datasets, tag $TAG, at most $MINUTES minutes" >&2
STATUS=0
timeout --signal=INT "$((MINUTES * 60))" bash "$ANCHORS/run.sh" --timeout "$TIMEOUT" --tag "$TAG" \
  "${EXTRAS[@]}" ${ARGS[@]+"${ARGS[@]}"} "${DATASETS[@]}" || STATUS=$?
if [ "$STATUS" = 124 ] || [ "$STATUS" = 130 ]; then
  echo "bench/run.sh: the $MINUTES-minute bound was reached; the page shows the datasets finished" >&2
fi

bash "$ROOT/bench/page.sh" --page "$PAGE" ${ALSO[@]+"${ALSO[@]}"} "$TAG"
