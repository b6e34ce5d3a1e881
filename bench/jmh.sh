#!/usr/bin/env bash
# JMH benchmarks of the kernels (plain Java vs Vector API) on JDK 17 and JDK 25, and end-to-end
# mnist training with 1 and 2 threads; prints one markdown table with GFLOP/s and the share of
# the FMA peak. Keep the machine otherwise idle.
#
#   bash bench/jmh.sh --peak 250            # per-core float32 FMA peak from ../shared/limits/run.sh
#   bash bench/jmh.sh --peak 250 --quick    # shorter runs (noisier)
#   bash bench/jmh.sh --peak 250 --kernels-only
#   bash bench/jmh.sh --peak 250 --only train        # or --only kernels
#
# JDKs: $JDK17 (default: the java on PATH) and $JDK25 (default: the newest Temurin 25 under
# /usr/lib/jvm). The mnist benchmark reads ../shared/data/mnist and is skipped without it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEAK=""
QUICK=""
KERNELS_ONLY=""
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --peak) PEAK="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --kernels-only) KERNELS_ONLY=1; shift ;;
    *) echo "bench/jmh.sh: unknown option $1" >&2; exit 1 ;;
  esac
done
JDK17="${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
JDK25="${JDK25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | tail -1)}"
OUT="$ROOT/bench/work/jmh"
mkdir -p "$OUT"
(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl softclass-bench -am) >&2
JAR="$ROOT/softclass-bench/target/softclass-bench.jar"
RUN=(-f 1)
[ -n "$QUICK" ] && RUN=(-f 1 -wi 2 -i 3 -w 500ms -r 500ms)

for jdk in "$JDK17" "$JDK25"; do
  [ -x "$jdk/bin/java" ] || continue
  v=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  if [ "$ONLY" != "train" ]; then
    echo "== JDK $v: kernels ($(uptime))" >&2
    "$jdk/bin/java" -jar "$JAR" "${RUN[@]}" -rf json -rff "$OUT/kernels-jdk$v.json" KernelBenchmark >&2
  fi
  if [ -z "$KERNELS_ONLY" ] && [ "$ONLY" != "kernels" ] && [ -f "$ROOT/../shared/data/mnist/train.libsvm.gz" ]; then
    echo "== JDK $v: mnist training ($(uptime))" >&2
    # Run from the project root: the benchmark reads ../shared/data/mnist from there. (Passing
    # -jvmArgsAppend here would replace the benchmark's own --add-modules flag.)
    (cd "$ROOT" && "$jdk/bin/java" -jar "$JAR" -f 1 -rf json -rff "$OUT/train-jdk$v.json" \
      TrainMnistBenchmark) >&2
  fi
done
python3 "$ROOT/bench/jmh_table.py" --peak "${PEAK:-0}" "$OUT"/*.json
