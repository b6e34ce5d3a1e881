#!/usr/bin/env bash
# Softclass as one system of the ../shared/anchors harness, run through its command line the way a
# user runs it: `softclass train` on the harness's training file, then `softclass predict` on its
# test file; the predictions become the harness's probs.txt and the process times its timing.json.
# Like the other command-line systems (liblinear, fastText), train time includes JVM start and
# parsing the file, and predict time includes JVM start, model load and reading the test file.
#
#   bench/softclass-system.sh --train F --test F --format csv|libsvm|fasttext --k K --C C --out DIR
#                             [-- TRAIN OPTIONS ...]
#
# Without --l2 among the train options, the harness's regularisation is used: l2 = 1 / (C n), the
# same objective as scikit-learn's C on the summed loss. bench/run.sh calls this script.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TIME_BIN="${TIME_BIN:-/usr/bin/time}"

TRAIN="" TEST="" FORMAT="" K="" C="" OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --train) TRAIN="$2"; shift 2 ;;
    --test) TEST="$2"; shift 2 ;;
    --format) FORMAT="$2"; shift 2 ;;
    --k) K="$2"; shift 2 ;;
    --C) C="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "softclass-system.sh: unknown option $1" >&2; exit 1 ;;
  esac
done
for v in TRAIN TEST FORMAT K C OUT; do
  [ -n "${!v}" ] || { echo "softclass-system.sh: --${v,,} is required" >&2; exit 1; }
done
EXTRA=("$@")
mkdir -p "$OUT"

fail() {
  printf '{"status": "error", "note": "%s"}\n' "$1" >"$OUT/timing.json"
  echo "softclass-system.sh: $1" >&2
  exit 1
}

ROWS=$(grep -c . "$TRAIN" || true)
[ "$FORMAT" = csv ] && ROWS=$((ROWS - 1))
L2_ARGS=()
if [[ " ${EXTRA[*]:-} " != *" --l2 "* && " ${EXTRA[*]:-} " != *" --l2="* ]]; then
  L2_ARGS=(--l2 "$(python3 -c "print(1.0 / ($C * $ROWS))")")
fi

# %e wall seconds, %U + %S CPU seconds of the process and its threads.
"$TIME_BIN" -f "%e %U %S" -o "$OUT/train.time" \
  "$ROOT/softclass" train --data "$TRAIN" --format "$FORMAT" --model "$OUT/model.softclass" \
  "${L2_ARGS[@]}" ${EXTRA[@]+"${EXTRA[@]}"} >"$OUT/train.log" 2>&1 \
  || fail "softclass train failed: $(tail -1 "$OUT/train.log")"
"$TIME_BIN" -f "%e %U %S" -o "$OUT/predict.time" \
  "$ROOT/softclass" predict --data "$TEST" --format "$FORMAT" --model "$OUT/model.softclass" \
  --output "$OUT/predictions.csv" >"$OUT/predict.log" 2>&1 \
  || fail "softclass predict failed: $(tail -1 "$OUT/predict.log")"

python3 - "$OUT" "$K" "${L2_ARGS[1]:-}" "$ROWS" "${EXTRA[*]:-}" <<'EOF'
import csv, json, os, sys

out, k, l2, rows, extra = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
# The harness names classes 0..K-1; predict writes label,p_<class>,... for the classes the model
# knows, so a class absent from training gets probability 0.
with open(os.path.join(out, "predictions.csv"), newline="") as f, \
        open(os.path.join(out, "probs.txt"), "w") as w:
    reader = csv.reader(f)
    header = next(reader)
    column = {int(name[2:]): i for i, name in enumerate(header) if name.startswith("p_")}
    for row in reader:
        w.write(" ".join(row[column[j]] if j in column else "0" for j in range(k)) + "\n")
        n_test = reader.line_num - 1
def seconds(name):
    wall, user, system = open(os.path.join(out, name)).read().split()[-3:]
    return float(wall), float(user) + float(system)
train_wall, train_cpu = seconds("train.time")
predict_wall, _ = seconds("predict.time")
params = ("l2=" + l2 + " " if l2 else "") + extra
json.dump({"status": "ok", "train_wall_s": train_wall, "train_cpu_s": train_cpu,
           "predict_wall_s": predict_wall, "n_test": n_test, "load_s": 0.0,
           "params": params.strip() or "defaults"}, open(os.path.join(out, "timing.json"), "w"))
EOF
