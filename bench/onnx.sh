#!/usr/bin/env bash
# Prediction throughput: Softclass vs ONNX Runtime running the exported model (softclass-onnx),
# on digits and mnist from ../shared/data, one JMH run each. Prints a markdown table of rows per
# second with the ratio to Softclass measured in the same run, and the load before and after.
#
#   bash bench/onnx.sh                  # both datasets
#   bash bench/onnx.sh digits           # one of them
#
# JAVA_HOME selects the JDK (default: java on PATH). Keep the machine otherwise idle.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/../shared/data"
JAVA="java"
[ -n "${JAVA_HOME:-}" ] && JAVA="$JAVA_HOME/bin/java"
datasets=()
for d in "${@:-digits mnist}"; do
  for name in $d; do
    case "$name" in
      digits) f="$DATA/digits/digits.csv" ;;
      mnist) f="$DATA/mnist/test.libsvm.gz" ;;
      *) echo "bench/onnx.sh: unknown dataset $name (digits or mnist)" >&2; exit 1 ;;
    esac
    if [ -f "$f" ]; then datasets+=("$name"); else echo "bench/onnx.sh: $f is absent: skipping $name (needs ../shared/data)" >&2; fi
  done
done
[ ${#datasets[@]} -gt 0 ] || { echo "bench/onnx.sh: no dataset present under $DATA; nothing measured" >&2; exit 1; }
OUT="$ROOT/bench/work/onnx"
mkdir -p "$OUT"
(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl softclass-bench -am) >&2
JAR="$ROOT/softclass-bench/target/softclass-bench.jar"
params=$(IFS=,; echo "${datasets[*]}")
BEFORE="$(uptime)"
# Run from the project root: the benchmark reads ../shared/data from there.
(cd "$ROOT" && "$JAVA" -jar "$JAR" -p dataset="$params" -rf json -rff "$OUT/onnx.json" \
  OnnxPredictBenchmark) >&2
AFTER="$(uptime)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); JDK: $("$JAVA" -version 2>&1 | head -1)"
echo "load before: ${BEFORE##*load average: }; after: ${AFTER##*load average: }"
python3 - "$OUT/onnx.json" <<'PY'
import json, sys
rows = {"digits": 1797, "mnist": 10000}
res = json.load(open(sys.argv[1]))
table = {}
for r in res:
    name = r["benchmark"].rsplit(".", 1)[1]
    ds = r["params"]["dataset"]
    score, err = r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"]
    per = rows[ds] if name.endswith(("Batch", "Batch1Thread", "BatchDefaultThreads")) else 1
    table[(ds, name)] = (score * per, err * per)
print("| dataset | benchmark | rows/s (± 99.9% error) | ratio to Softclass |")
print("| --- | --- | --- | --- |")
for (ds, name), (v, e) in sorted(table.items()):
    anchor = table[(ds, "softclassBatch" if "Batch" in name else "softclassRow")][0]
    print(f"| {ds} | {name} | {v:,.0f} ± {e:,.0f} | {v / anchor:.2f} |")
PY
