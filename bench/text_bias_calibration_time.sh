#!/usr/bin/env bash
# Time of `softclass calibrate --method temperature-bias` on udhr_langid (447 classes, 2,489
# held-out lines), this checkout against another built checkout BASE (for example a worktree of
# main), alternating runs so that both see the same load; the fitted temperature, L2 and the log
# loss on the test lines of both, which must agree, and the largest difference between their biases.
#   bash bench/text_bias_calibration_time.sh BASE [REPEATS]   (default 3 repeats; writes
#                                                             bench/work/text/bias-time.md)
# Split as bench/text_calibration.sh (train on udhr.fit, calibrate on udhr.valid, test udhr.test);
# one softmax and one `--loss ns --neg 100 --ns-softmax` model with its settings, trained once (by
# this checkout) and kept in bench/work/text. Times are wall and user CPU seconds of the whole
# command (JVM start, model load and the before/after evaluation included), with the 1-minute load.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="$(cd "${1:?usage: text_bias_calibration_time.sh BASE [REPEATS]}" && pwd)"
REPEATS="${2:-3}"
DATA="$ROOT/../shared/data/udhr_langid/udhr_langid.ft.txt"
WORK="$ROOT/bench/work/text"
mkdir -p "$WORK"
[ -f "$DATA" ] || { echo "text_bias_calibration_time.sh: $DATA is absent" >&2; exit 1; }
[ -f "$WORK/udhr.train" ] || python3 "$ROOT/bench/text_split.py" "$DATA" "$WORK/udhr.train" "$WORK/udhr.test" 0.2 7
[ -f "$WORK/udhr.fit" ] || python3 "$ROOT/bench/text_split.py" "$WORK/udhr.train" "$WORK/udhr.fit" "$WORK/udhr.valid" 0.1 7
SETTINGS="--dim 50 --epochs 10 --lr 0.5 --wordNgrams 1 --minCount 1 --seed 7 --threads 2"
MODELS=("softmax|--loss softmax" "ns100|--loss ns --neg 100 --ns-softmax")
for entry in "${MODELS[@]}"; do
  name="${entry%%|*}"
  # shellcheck disable=SC2086
  [ -f "$WORK/bias-$name.softclass" ] || "$ROOT/softclass" train --format fasttext --model-type text \
    --data "$WORK/udhr.fit" --model "$WORK/bias-$name.softclass" ${entry#*|} $SETTINGS >/dev/null 2>&1
done
OUT="$WORK/bias-time.md"
load() { awk '{print $1}' /proc/loadavg; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$1" "$2"; }
{
  echo "# calibrate --method temperature-bias on udhr_langid, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "this: $(git -C "$ROOT" rev-parse --short HEAD), base: $(git -C "$BASE" rev-parse --short HEAD)"
  echo
  echo "| model | build | run | wall s | user s | load | T | l2 | test log loss | max abs bias difference |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$OUT"
for entry in "${MODELS[@]}"; do
  name="${entry%%|*}"
  m="$WORK/bias-$name.softclass"
  for run in $(seq "$REPEATS"); do
    for build in base this; do
      sc="$ROOT/softclass"; [ "$build" = base ] && sc="$BASE/softclass"
      l=$(load)
      /usr/bin/time -f "%e %U" -o "$WORK/bias.time" "$sc" calibrate --model "$m" \
        --data "$WORK/udhr.valid" --method temperature-bias --output "$m.$build" --json \
        >"$WORK/bias.json" 2>/dev/null
      read -r wall user <"$WORK/bias.time"
      "$sc" eval --model "$m.$build" --data "$WORK/udhr.test" --json >"$WORK/bias.eval" 2>/dev/null
      diff=""
      [ "$build" = this ] && diff=$(python3 -c "
import json, sys, zipfile
def bias(path):
    return json.loads(zipfile.ZipFile(path).read('model.json'))['calibration']['bias']
print(f'{max(abs(a - b) for a, b in zip(bias(sys.argv[1]), bias(sys.argv[2]))):.2e}')" "$m.base" "$m.this")
      echo "| $name | $build | $run | $wall | $user | $l | $(json "$WORK/bias.json" "f\"{d['parameters']['temperature']:.6f}\"") | $(json "$WORK/bias.json" "d['parameters']['l2']") | $(json "$WORK/bias.eval" "f\"{d['log_loss']:.6f}\"") | $diff |" >>"$OUT"
    done
  done
done
rm -f "$WORK/bias.time" "$WORK/bias.json" "$WORK/bias.eval" "$WORK"/bias-*.softclass.base "$WORK"/bias-*.softclass.this
echo >>"$OUT"
echo "wrote $OUT"
cat "$OUT"
