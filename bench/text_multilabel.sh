#!/usr/bin/env bash
# Multi-label text: Softclass --loss ova against fastText -loss ova on mixed-language UDHR lines
# (made from ../shared/data/udhr_langid, see text_multilabel.py), same settings, same scorer.
# Prints a Markdown table; files land in bench/work/text_multilabel/.
#
#   bash bench/text_multilabel.sh [DATA_ROOT]      (default: ../shared/data beside the project)
#
# Needs python3 (standard library only) and fastText (apt-get install fasttext).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/data}"
PY="${PYTHON:-/usr/bin/python3}"
if [ ! -f "$DATA/udhr_langid/udhr_langid.ft.txt" ]; then
  echo "text_multilabel.sh: $DATA/udhr_langid/udhr_langid.ft.txt is absent: this benchmark needs ../shared/data" >&2
  exit 1
fi
command -v fasttext >/dev/null || { echo "text_multilabel.sh: fasttext not found (apt-get install fasttext)" >&2; exit 1; }
echo "date $(date -u +%Y-%m-%dT%H:%MZ); uptime: $(uptime)"
"$PY" "$ROOT/bench/text_multilabel.py" "$ROOT/bench/work/text_multilabel" "$DATA" "$ROOT/softclass"
echo "after: $(uptime)"
