#!/usr/bin/env bash
# Softclass-on-Spark vs Spark MLlib's LogisticRegression on mnist, local[2], one run
# (dev.softclass.spark.SparkMnistBenchmark): accuracy, log loss, fit wall time, per-partition
# throughput. Usage: bash bench/spark.sh [PARTITIONS] [ITERATIONS]   (defaults 2, 100)
# Needs ../shared/data/mnist. Results: bench/work/spark/mnist.txt (and stdout).
set -euo pipefail
cd "$(dirname "$0")/.."
PARTITIONS="${1:-2}"
ITERATIONS="${2:-100}"
DATA="${SPARK_BENCH_DATA:-$(cd .. && pwd)/shared/data/mnist}"
OUT=bench/work/spark
mkdir -p "$OUT"
./mvnw -B -q test-compile -pl softclass-spark -am
./mvnw -B -q dependency:build-classpath -pl softclass-spark -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$OUT/classpath.txt" >/dev/null
# A snapshot of the classes, so that a build running meanwhile cannot change them under the JVM.
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
cp -r softclass-spark/target/test-classes "$OUT/classes/spark-test"
cp -r softclass-spark/target/classes "$OUT/classes/spark"
cp -r softclass-core/target/classes "$OUT/classes/core"
CP="$OUT/classes/spark-test:$OUT/classes/spark:$OUT/classes/core:$(cat "$OUT/classpath.txt")"
FLAGS=(--add-modules=jdk.incubator.vector -Xmx3g
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.configurationFile=softclass-spark/src/test/resources/log4j2-test.properties)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVA_MAJOR="$("$JAVA" -version 2>&1 | head -1 | sed -E 's/[^"]*"([0-9]+).*/\1/')"
if [ "$JAVA_MAJOR" -ge 24 ]; then
  FLAGS+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
fi
echo "java: $("$JAVA" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/mnist.txt"
SPARK_LOCAL_IP=127.0.0.1 nice "$JAVA" "${FLAGS[@]}" -cp "$CP" dev.softclass.spark.SparkMnistBenchmark \
  "$DATA" "$PARTITIONS" "$ITERATIONS" | tee -a "$OUT/mnist.txt"
