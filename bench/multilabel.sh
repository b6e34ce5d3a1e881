#!/usr/bin/env bash
# Multi-label benchmark on yeast (14 labels, Mulan split 1500 / 917): Softclass, scikit-learn
# OneVsRestClassifier(LogisticRegression) and fastText -loss ova, with and without per-label
# thresholds tuned on training data; micro-F1, macro-F1, Hamming loss, LRAP and training time.
# Prints a Markdown table; files land in bench/work/multilabel/.
#
#   bash bench/multilabel.sh [DATA_ROOT]      (default: ../shared/data beside the project)
#
# Needs Debian's python3 with scikit-learn (python3-sklearn) and fastText (apt-get install
# fasttext). See multilabel.py for the split and the settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/data}"
PY="${PYTHON:-/usr/bin/python3}"
if [ ! -f "$DATA/yeast/yeast.csv" ]; then
  echo "multilabel.sh: $DATA/yeast/yeast.csv is absent: this benchmark needs ../shared/data" >&2
  exit 1
fi
command -v fasttext >/dev/null || { echo "multilabel.sh: fasttext not found (apt-get install fasttext)" >&2; exit 1; }
echo "date $(date -u +%Y-%m-%dT%H:%MZ); uptime: $(uptime)"
"$PY" "$ROOT/bench/multilabel.py" "$ROOT/bench/work/multilabel" "$DATA" "$ROOT/softclass"
