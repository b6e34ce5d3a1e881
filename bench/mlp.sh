#!/usr/bin/env bash
# Multilayer perceptrons side by side on mnist (issue 6): Softclass (2 threads and 1 thread) against
# scikit-learn's MLPClassifier, Smile's MLP and Weka's MultilayerPerceptron, all run by the anchors
# harness in ../shared/anchors on the same split files, scored by its one scorer, timed under
# `time -v` (peak RSS). Every system: one hidden layer of 100 units, mini-batches of 200 (Weka:
# online, its only mode), the same epochs. Rows print as they finish and land in
# bench/work/results/ (results.jsonl, last.md).
#
#   bash bench/mlp.sh                          # mnist, 10 epochs, Weka 1 epoch
#   EPOCHS=20 WEKA_EPOCHS=10 bash bench/mlp.sh [DATASET]
#
# Weka's MLP costs about 3e-8 CPU s per unit of n*d*hidden*epochs (the harness's own estimate), so
# 10 epochs of mnist take about 25 minutes: by default it runs WEKA_EPOCHS=1, enough for its time
# per epoch but not for an accuracy comparison. The harness's install step cannot build its JVM
# systems inside the read-only ../shared, so this script copies ../shared/anchors/jvm into
# bench/work/anchors-jvm and builds it there (JDK >= 25: Smile 6.3 ships Java 25 classes).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANCHORS="$ROOT/../shared/anchors"
DATASET="${1:-$ROOT/../shared/data/mnist}"
EPOCHS="${EPOCHS:-10}"
WEKA_EPOCHS="${WEKA_EPOCHS:-1}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PY="${PYTHON:-/usr/bin/python3}"
WORK="${ANCHORS_WORK:-$ROOT/bench/work}"
for need in "$ANCHORS/bench.py" "$DATASET"; do
  if [ ! -e "$need" ]; then
    echo "bench/mlp.sh: $need is absent: this benchmark needs ../shared (anchors and data) beside the project" >&2
    exit 1
  fi
done
if [ ! -x "$JDK25/bin/java" ]; then
  echo "bench/mlp.sh: no JDK 25 at $JDK25 (set JDK25): Smile 6.3 needs it" >&2
  exit 1
fi

(cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl softclass-bench -am) >&2
JVM="$WORK/anchors-jvm"
if [ ! -f "$JVM/target/jvm-anchors-1.0.jar" ]; then
  rm -rf "$JVM" && mkdir -p "$WORK" && cp -r "$ANCHORS/jvm" "$JVM" && chmod -R u+w "$JVM"
  (cd "$JVM" && JAVA_HOME="$JDK25" "$ROOT/mvnw" -q -B package -DskipTests) >&2
fi
CP="$JVM/target/classes:$JVM/target/lib/*"
JAR="$ROOT/softclass-bench/target/softclass-bench.jar"
JOPTS="${JAVA_OPTS:--Xms256m -Xmx12g}"
ARGS="--train {train} --test {test} --format {format} --k {k} --C {C} --epochs {epochs} --out {out}"
SC="java --add-modules jdk.incubator.vector $JOPTS -cp $JAR dev.softclass.bench.AnchorSystem $ARGS"
SC="$SC --hidden {hidden} --optimizer adam --batch-size 200 --lr 1e-3"
HARNESS="--d {d} --k {k} --n-train {n_train} --hidden {hidden} --seed {seed} --out {out}"
HARNESS="$HARNESS --train {train} --test {test} --format {format}"

echo "bench/mlp.sh: $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
PYTHON="$PY" ANCHORS_WORK="$WORK" "$PY" "$ANCHORS/bench.py" \
  --systems sklearn-mlp,extra --epochs "$EPOCHS" --hidden 100 --threads 2 --work "$WORK" \
  --tag issue6-mlp \
  --extra "softclass-mlp=$SC --threads 2" \
  --extra "softclass-mlp-1thread=$SC --threads 1" \
  --extra "smile-mlp=$JDK25/bin/java $JOPTS -cp '$CP' $ROOT/bench/mlp/SmileMlp.java $HARNESS --epochs {epochs}" \
  --extra "weka-mlp-dense=$JDK25/bin/java $JOPTS -cp '$CP' anchors.WekaMLP $HARNESS --epochs $WEKA_EPOCHS" \
  "$DATASET"
echo "bench/mlp.sh: done $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
