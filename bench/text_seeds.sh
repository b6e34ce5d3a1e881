#!/usr/bin/env bash
# Accuracy of Softclass and fastText over several seeds on one text benchmark, to tell a real
# accuracy gap from run-to-run variation (fastText's 2 threads are not reproducible; a seed moves
# both tools' results). Same split files and settings as bench/text.sh.
#   bash bench/text_seeds.sh udhr|sentiment|wordnet LOSS "SEEDS" [fasttext] [deterministic] [hogwild]
#   e.g. bash bench/text_seeds.sh udhr ns "1 2 3 4 5"
# Prints one line per run (tool, mode, seed, accuracy, load) and then mean, min and max per tool
# and mode. Split files: bench/work/text/NAME.{train,test} (made by bench/text.sh), or in the
# directory TEXT_WORK names (for example the same splits normalised another way).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${TEXT_WORK:-$ROOT/bench/work/text}"
SC="$ROOT/softclass"
THREADS=2
if [ $# -lt 3 ]; then
  echo "usage: bash bench/text_seeds.sh udhr|sentiment|wordnet LOSS \"SEEDS\" [fasttext] [deterministic] [hogwild]" >&2
  exit 1
fi
NAME="$1" LOSS="$2" SEEDS="$3"
shift 3
MODES=("$@")
[ ${#MODES[@]} -eq 0 ] && MODES=(fasttext deterministic hogwild)
case "$NAME" in
  udhr) ARGS="dim 50 epoch 10 lr 0.5 wordNgrams 1 minCount 1 neg 5" ;;
  sentiment) ARGS="dim 100 epoch 25 lr 0.5 wordNgrams 2 bucket 200000" ;;
  wordnet) ARGS="dim 100 epoch 5 lr 0.5 wordNgrams 1 minCount 1 neg 5" ;;
  *) echo "text_seeds.sh: unknown benchmark '$NAME' (udhr, sentiment or wordnet)" >&2; exit 1 ;;
esac
for f in "$WORK/$NAME.train" "$WORK/$NAME.test"; do
  [ -f "$f" ] || { echo "text_seeds.sh: $f is missing; run bash bench/text.sh $NAME first" >&2; exit 1; }
done
FT="" SCA=""
# shellcheck disable=SC2086
set -- $ARGS
while [ $# -gt 0 ]; do
  FT="$FT -$1 $2"
  if [ "$1" = epoch ]; then SCA="$SCA --epochs $2"; else SCA="$SCA --$1 $2"; fi
  shift 2
done
# The same tokens as fastText, which reads raw bytes (as bench/text.sh runs it).
SCA="$SCA --normalization none"
"$SC" --version >/dev/null 2>&1
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
load() { awk '{print $1}' /proc/loadavg; }
for mode in "${MODES[@]}"; do
  for seed in $SEEDS; do
    if [ "$mode" = fasttext ]; then
      # shellcheck disable=SC2086
      fasttext supervised -input "$WORK/$NAME.train" -output "$TMP/ft" -loss "$LOSS" \
        -thread $THREADS -verbose 0 -seed "$seed" $FT >/dev/null 2>&1
      # fastText's own "test" prints P@1 with 3 decimals: score its top-1 labels here.
      fasttext predict "$TMP/ft.bin" "$WORK/$NAME.test" 1 >"$TMP/ft.pred"
      acc=$(python3 - "$WORK/$NAME.test" "$TMP/ft.pred" <<'PY'
import sys
t = [next(x for x in l.split() if x.startswith("__label__")) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
p = [l.split()[0] if l.split() else "" for l in open(sys.argv[2], encoding="utf-8")]
print(sum(a == b for a, b in zip(t, p)) / len(t))
PY
)
    else
      extra=""
      [ "$mode" = hogwild ] && extra="--hogwild"
      # shellcheck disable=SC2086
      "$SC" train --format fasttext --model-type text --data "$WORK/$NAME.train" \
        --model "$TMP/sc.softclass" --loss "$LOSS" --threads $THREADS --seed "$seed" $SCA $extra \
        >/dev/null 2>&1
      acc=$("$SC" eval --model "$TMP/sc.softclass" --data "$WORK/$NAME.test" --json 2>/dev/null |
        python3 -c "import json,sys; print(json.load(sys.stdin)['accuracy'])")
    fi
    printf '%s %s %s %.4f %s\n' "$mode" "$LOSS" "$seed" "$acc" "$(load)" | tee -a "$TMP/runs"
  done
done
echo
echo "| tool / mode | loss | seeds | mean | min | max |"
echo "| --- | --- | --- | --- | --- | --- |"
python3 - "$TMP/runs" <<'PY'
import sys, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    mode, loss, seed, acc, _ = line.split()
    runs[(mode, loss)].append(float(acc))
for (mode, loss), a in runs.items():
    print(f"| {mode} | {loss} | {len(a)} | {sum(a)/len(a):.4f} | {min(a):.4f} | {max(a):.4f} |")
PY
