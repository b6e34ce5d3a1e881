#!/usr/bin/env bash
# udhr_langid log loss of every text head, uncalibrated, temperature-scaled and (for heads whose
# probabilities are a softmax over per-class logits) temperature-and-bias calibrated (issue 7): the
# train split of bench/text.sh is split again (per label, seeded, 10 %) into a fitting part and a
# held-out calibration part; each model is trained on the fitting part, calibrated on the held-out
# part (softclass calibrate --method temperature, and --method temperature-bias) and evaluated on
# the test split, before and after calibration. "vs softmax" compares each log loss with the
# softmax's in the same column (uncalibrated with uncalibrated, and so on): run the softmax first.
#   bash bench/text_calibration.sh [PATTERN]  (writes bench/work/text/calibration.md; PATTERN, a
#                                             grep -E pattern, keeps the HEADS whose options match)
# Settings as bench/text.sh's udhr run (fastText's): -dim 50 -epoch 10 -lr 0.5 -wordNgrams 1
# -minCount 1, seed 7, 2 threads, deterministic. Heads and --neg values: HEADS below.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/../shared/data/udhr_langid/udhr_langid.ft.txt"
WORK="$ROOT/bench/work/text"
SC="$ROOT/softclass"
mkdir -p "$WORK"
[ -f "$DATA" ] || { echo "text_calibration.sh: $DATA is absent" >&2; exit 1; }
"$SC" --version >/dev/null 2>&1
[ -f "$WORK/udhr.train" ] || python3 "$ROOT/bench/text_split.py" "$DATA" "$WORK/udhr.train" "$WORK/udhr.test" 0.2 7
[ -f "$WORK/udhr.fit" ] || python3 "$ROOT/bench/text_split.py" "$WORK/udhr.train" "$WORK/udhr.fit" "$WORK/udhr.valid" 0.1 7
SETTINGS="--dim 50 --epochs 10 --lr 0.5 --wordNgrams 1 --minCount 1 --seed 7 --threads 2"
HEADS=(
  "softmax|--loss softmax"
  "sampled|--loss sampled --neg 5"
  "sampled|--loss sampled --neg 50"
  "sampled|--loss sampled --neg 200"
  "ns (normalised sigmoid)|--loss ns --neg 50"
  "ns --ns-softmax|--loss ns --neg 5 --ns-softmax"
  "ns --ns-softmax|--loss ns --neg 20 --ns-softmax"
  "ns --ns-softmax|--loss ns --neg 50 --ns-softmax"
  "ns --ns-softmax|--loss ns --neg 100 --ns-softmax"
  "hs|--loss hs"
)
OUT="$WORK/calibration.md"
load() { awk '{print $1}' /proc/loadavg; }
field() { python3 -c "import json,sys; print(f\"{json.load(open(sys.argv[1]))[sys.argv[2]]:.4f}\")" "$1" "$2"; }
{
  echo "# udhr_langid log loss, uncalibrated and temperature-scaled, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Trained on $(wc -l <"$WORK/udhr.fit") lines, calibrated on $(wc -l <"$WORK/udhr.valid") held-out lines, evaluated on $(wc -l <"$WORK/udhr.test") test lines. \`$SETTINGS\`."
  echo
  echo "| head | options | accuracy | log loss | vs softmax | T | calibrated (T) | vs softmax | accuracy (T+bias) | calibrated (T+bias) | vs softmax | train s | load |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$OUT"
REF_RAW=""; REF_T=""; REF_TB=""
pct() { python3 -c "import sys; print('' if not sys.argv[2] else f'{100*(float(sys.argv[1])/float(sys.argv[2])-1):+.1f} %')" "$1" "$2"; }
for entry in "${HEADS[@]}"; do
  label="${entry%%|*}"; args="${entry#*|}"
  if [ $# -gt 0 ] && ! grep -qE -- "$1" <<<"$args"; then continue; fi
  m="$WORK/cal-$RANDOM.softclass"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$SC" train --format fasttext --model-type text --data "$WORK/udhr.fit" --model "$m" $args $SETTINGS >/dev/null 2>&1
  secs=$(python3 -c "import sys,time; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$start")
  "$SC" calibrate --model "$m" --data "$WORK/udhr.valid" --output "$m.cal" --json >"$m.fit" 2>/dev/null
  "$SC" eval --model "$m" --data "$WORK/udhr.test" --json >"$m.before" 2>/dev/null
  "$SC" eval --model "$m.cal" --data "$WORK/udhr.test" --json >"$m.after" 2>/dev/null
  t=$(python3 -c "import json,sys; print(f\"{json.load(open(sys.argv[1]))['parameters']['temperature']:.3f}\")" "$m.fit")
  raw=$(field "$m.before" log_loss); cal=$(field "$m.after" log_loss); acc_tb="n/a"; tb="n/a"
  if "$SC" calibrate --model "$m" --data "$WORK/udhr.valid" --method temperature-bias --output "$m.tb" >/dev/null 2>&1; then
    "$SC" eval --model "$m.tb" --data "$WORK/udhr.test" --json >"$m.bias" 2>/dev/null
    acc_tb=$(field "$m.bias" accuracy); tb=$(field "$m.bias" log_loss)
  fi
  if [ "$label" = softmax ]; then REF_RAW=$raw; REF_T=$cal; REF_TB=$tb; fi
  vs_tb=""; [ "$tb" != n/a ] && [ "$REF_TB" != n/a ] && vs_tb=$(pct "$tb" "$REF_TB")
  echo "| $label | \`${args}\` | $(field "$m.before" accuracy) | $raw | $(pct "$raw" "$REF_RAW") | $t | $cal | $(pct "$cal" "$REF_T") | $acc_tb | $tb | $vs_tb | $secs | $(load) |" >>"$OUT"
  rm -f "$m" "$m.cal" "$m.fit" "$m.before" "$m.after" "$m.tb" "$m.bias"
done
echo >>"$OUT"
echo "wrote $OUT"
cat "$OUT"
