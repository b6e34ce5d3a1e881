#!/usr/bin/env bash
# Class-imbalance benchmark (issue 9): balanced accuracy and macro-F1 on the test part of glass,
# pima_diabetes and reuters_corn for Softclass with nothing, balanced class weights, random over-
# and under-sampling and SMOTE, next to scikit-learn's LogisticRegression with and without
# class_weight='balanced' on the same rows, same scaling and same L2 (C = 1/(l2 n)), in the same
# run. Writes bench/RESULTS-issue9a.md (table, command, date, load); work files in
# bench/work/imbalance/.
#
#   bash bench/imbalance.sh [DATA_ROOT]      (default: ../shared/data beside the project)
#
# Needs Debian's python3 with scikit-learn (python3-sklearn). reuters_corn is raw text and main has
# no fastText-format reader yet: imbalance.py turns it into TF-IDF LIBSVM files (vectoriser fitted
# on the training articles) that both systems read. SMOTE needs dense rows: n/a for the text.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/data}"
WORK="$ROOT/bench/work/imbalance"
PY="${PYTHON:-/usr/bin/python3}"
SC="$ROOT/softclass"
L2="1e-4"
THREADS="${THREADS:-2}"
for name in glass pima_diabetes reuters_corn; do
  if [ ! -d "$DATA/$name" ]; then
    echo "imbalance.sh: $DATA/$name is absent: this benchmark needs ../shared/data" >&2
    exit 1
  fi
done
mkdir -p "$WORK"
LOAD_BEFORE="$(uptime)"
"$PY" "$ROOT/bench/imbalance.py" prepare "$WORK" "$DATA"
for name in glass pima_diabetes reuters_corn; do
  dir="$WORK/$name"
  ext=csv
  [ -f "$dir/train.libsvm" ] && ext=libsvm
  for variant in none class-weight over under smote; do
    case "$variant" in
      none) opts=() ;;
      class-weight) opts=(--class-weight balanced) ;;
      *) opts=(--resample "$variant") ;;
    esac
    if [ "$variant" = smote ] && [ "$ext" = libsvm ]; then
      rm -f "$dir/eval-smote.json"
      continue
    fi
    echo "softclass: $name $variant" >&2
    "$SC" train --data "$dir/train.$ext" --model "$dir/$variant.softclass" --l2 "$L2" \
      --threads "$THREADS" "${opts[@]}" >"$dir/train-$variant.txt" 2>"$dir/train-$variant.err"
    "$SC" eval --model "$dir/$variant.softclass" --data "$dir/test.$ext" --json \
      >"$dir/eval-$variant.json" 2>/dev/null
  done
done
"$PY" "$ROOT/bench/imbalance.py" sklearn "$WORK" "$L2"
LOAD_AFTER="$(uptime)"
{
  echo "# Class imbalance (issue 9, items 1-2): balanced accuracy and macro-F1"
  echo
  echo "Made by \`bash bench/imbalance.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), one run."
  echo "Load before: \`${LOAD_BEFORE## }\`; after: \`${LOAD_AFTER## }\`."
  echo
  echo "Test part of each dataset; every model trained on the training part with L2 $L2 on the"
  echo "mean loss (scikit-learn: C = 1/(l2 n)), standard scaling (max-abs for the sparse text)."
  echo "glass and pima_diabetes: stratified 70/30 split (random_state 42); reuters_corn: its"
  echo "ModApte train/test split as TF-IDF LIBSVM (see imbalance.py; SMOTE is for dense data)."
  echo "Resampling seed 42 (Softclass's --seed default)."
  echo
  "$PY" "$ROOT/bench/imbalance.py" table "$WORK"
} | tee "$ROOT/bench/RESULTS-issue9a.md"
