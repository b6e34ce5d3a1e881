#!/usr/bin/env bash
# Model selection, L1 and ensemble benchmark (issue 9b): digits grid search against scikit-learn's
# GridSearchCV, spambase L1 against liblinear -s 6, and an ensemble that beats its members.
# Writes bench/RESULTS-issue9b.md; work files go to bench/work/selection/.
#
#   bash bench/selection.sh [DATA_ROOT]      (default: ../shared/data beside the project)
#
# Needs Debian's python3 with scikit-learn (python3-sklearn) and liblinear-tools.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/data}"
PY="${PYTHON:-/usr/bin/python3}"
if [ ! -f "$DATA/digits/digits.csv" ] || [ ! -f "$DATA/spambase/spambase.csv" ]; then
  echo "selection.sh: the shared data ($DATA/digits, $DATA/spambase) is absent; nothing measured" >&2
  exit 1
fi
command -v liblinear-train >/dev/null || {
  echo "selection.sh: liblinear-train is missing: apt-get install -y liblinear-tools" >&2
  exit 1
}
"$ROOT/softclass" --version >/dev/null 2>&1 # build once before timing anything
"$PY" "$ROOT/bench/selection.py" "$DATA" "$ROOT/bench/work/selection" "$ROOT/bench/RESULTS-issue9b.md"
