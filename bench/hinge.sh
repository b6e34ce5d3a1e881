#!/usr/bin/env bash
# Issue 9c: the hinge head (linear SVM, squared hinge + Platt, and plain hinge) on spambase against
# liblinear -s 2 and -s 3, in one run; writes bench/RESULTS-issue9c.md.
#   bash bench/hinge.sh [DATA_ROOT]     (default: ../shared/data)
# Needs liblinear-tools (apt-get install -y liblinear-tools) and python3 (standard library only).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/data}"
PY="${PYTHON:-/usr/bin/python3}"
if [ ! -f "$DATA/spambase/spambase.csv" ]; then
  echo "hinge.sh: $DATA/spambase/spambase.csv is absent; nothing measured" >&2
  exit 1
fi
command -v liblinear-train >/dev/null || {
  echo "hinge.sh: liblinear-train is missing: apt-get install -y liblinear-tools" >&2
  exit 1
}
"$ROOT/softclass" --version >/dev/null 2>&1 # build once before timing anything
nice "$PY" "$ROOT/bench/hinge.py" "$DATA" "$ROOT/bench/work/hinge" "$ROOT/bench/RESULTS-issue9c.md"
