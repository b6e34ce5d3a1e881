#!/usr/bin/env bash
# Calibration benchmark: log loss and ECE on the test part of digits, satimage, spambase and mnist
# for Softclass uncalibrated, after temperature scaling and after isotonic calibration, next to
# scikit-learn's LogisticRegression and CalibratedClassifierCV (sigmoid, isotonic) fitted on the
# same rows in the same run; also both calibrated by 5-fold cross-validation on all training rows. Prints a Markdown table; everything lands in bench/work/calibration/.
#
#   bash bench/calibration.sh [DATA_ROOT]      (default: ../shared/data beside the project)
#
# Needs Debian's python3 with scikit-learn (python3-sklearn). See calibration.py for the splits.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/data}"
WORK="$ROOT/bench/work/calibration"
PY="${PYTHON:-/usr/bin/python3}"
SC="$ROOT/softclass"
L2="1e-4"
THREADS="${THREADS:-2}"
mkdir -p "$WORK"

"$PY" "$ROOT/bench/calibration.py" prepare "$WORK" "$DATA"
for name in digits satimage spambase mnist; do
  dir="$WORK/$name"
  ext=csv
  [ -f "$dir/fit.libsvm" ] && ext=libsvm
  echo "softclass: $name" >&2
  "$SC" train --data "$dir/fit.$ext" --model "$dir/raw.softclass" --l2 "$L2" --threads "$THREADS" \
    >"$dir/train.txt" 2>/dev/null
  for method in temperature isotonic; do
    "$SC" calibrate --model "$dir/raw.softclass" --data "$dir/calib.$ext" --method "$method" \
      --output "$dir/$method.softclass" >"$dir/calibrate-$method.txt"
  done
  "$SC" train --data "$dir/train.$ext" --model "$dir/all.softclass" --l2 "$L2" --threads "$THREADS" \
    >"$dir/train-all.txt" 2>/dev/null
  for method in temperature isotonic; do
    "$SC" calibrate --model "$dir/all.softclass" --data "$dir/train.$ext" --cv 5 --method "$method" \
      --output "$dir/cv-$method.softclass" >"$dir/calibrate-cv-$method.txt"
  done
  for variant in raw temperature isotonic cv-temperature cv-isotonic; do
    "$SC" predict --model "$dir/$variant.softclass" --data "$dir/test.$ext" \
      --output "$dir/pred-$variant.csv"
    "$SC" eval --model "$dir/$variant.softclass" --data "$dir/test.$ext" --json \
      >"$dir/eval-$variant.json"
  done
done
"$PY" "$ROOT/bench/calibration.py" score "$WORK" | tee "$WORK/table.md"
