package dev.softclass.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Softclass-on-Spark against Spark MLlib's multinomial {@code LogisticRegression} on mnist in one
 * local[2] run (same partitions, regParam, iterations, tolerance 0 so both run every iteration):
 * test accuracy, log loss and wall time of {@code fit}, plus the per-partition throughput of the
 * Softclass gradient passes. Run by {@code bench/spark.sh}; prints a markdown table.
 *
 * <p>Arguments: the mnist folder (train.libsvm.gz, test.libsvm.gz), the partition count, the
 * iterations.
 */
public final class SparkMnistBenchmark {
  private SparkMnistBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../../shared/data/mnist");
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    double reg = 1e-4;
    Path local = Files.createTempDirectory("softclass-spark-bench");
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("softclass-spark-bench")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.local.dir", local.toString())
            .config("spark.sql.shuffle.partitions", Integer.toString(partitions))
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Dataset<Row> train = read(spark, dir.resolve("train.libsvm.gz"), partitions);
    Dataset<Row> test = read(spark, dir.resolve("test.libsvm.gz"), partitions);
    System.err.printf("train %d rows, test %d rows%n", train.count(), test.count());

    // Warm-up: both trainers once on a slice, so neither pays the JIT alone.
    Dataset<Row> slice = train.limit(5000).repartition(partitions).cache();
    slice.count();
    softclass(reg, 5).fit(slice);
    mllib(reg, 5).fit(slice);

    long c0 = processCpuNanos();
    long t0 = System.nanoTime();
    SoftclassClassificationModel ours = softclass(reg, iterations).fit(train);
    double oursSeconds = (System.nanoTime() - t0) / 1e9;
    double oursCpu = (processCpuNanos() - c0) / 1e9;
    double load1 = loadAverage();
    long c1 = processCpuNanos();
    long t1 = System.nanoTime();
    LogisticRegressionModel theirs = mllib(reg, iterations).fit(train);
    double theirSeconds = (System.nanoTime() - t1) / 1e9;
    double theirCpu = (processCpuNanos() - c1) / 1e9;
    double load2 = loadAverage();

    double[] a = score(ours.transform(test));
    double[] b = score(theirs.transform(test));
    Map<String, Object> info = ours.model().info().training();
    double taskSeconds = ((Number) info.get("partition_task_seconds")).doubleValue();
    double taskCpu = ((Number) info.get("partition_task_cpu_seconds")).doubleValue();
    int passes = ((Number) info.get("evaluations")).intValue();
    long stored = ((Number) info.get("stored_values")).longValue();
    long rows = ((Number) info.get("rows")).longValue();
    int outputs = ours.model().outputLayer().outputs();
    int features = ours.model().numFeatures();
    System.out.printf(
        Locale.ROOT,
        "%n| system | test accuracy | test log loss | fit wall time (s) | wall / MLlib |"
            + " fit CPU time (s) | CPU / MLlib |%n"
            + "| --- | --- | --- | --- | --- | --- | --- |%n"
            + "| Softclass on Spark (L-BFGS, %s iterations, %d passes, standard scaling) | %.4f |"
            + " %.4f | %.1f | %.2f | %.1f | %.2f |%n"
            + "| Spark MLlib LogisticRegression (multinomial, %d iterations) | %.4f | %.4f | %.1f |"
            + " 1.00 | %.1f | 1.00 |%n%n",
        info.get("iterations"),
        passes,
        a[0],
        a[1],
        oursSeconds,
        oursSeconds / theirSeconds,
        oursCpu,
        oursCpu / theirCpu,
        theirs.summary().totalIterations(),
        b[0],
        b[1],
        theirSeconds,
        theirCpu);
    int aggregated =
        ours.model().outputLayer().weights().length
                / outputs
                * dev.softclass.kernel.VectorOps.stride(outputs)
            + outputs
            + 3;
    System.out.printf(
        Locale.ROOT,
        "partitions %d, rows %d, stored values (nnz) %d, classes %d, features %d%n"
            + "per-partition gradient pass (CPU time): %.1f ms per partition per pass;"
            + " throughput %.3g nnz/s and %.3g rows/s per partition task%n"
            + "per-partition gradient pass (wall time, includes waiting for a core): %.1f ms;"
            + " %.3g nnz/s%n"
            + "aggregated per pass and partition: %d doubles (%d bytes)%n"
            + "1-min load average after Softclass %.2f, after MLlib %.2f%n",
        partitions,
        rows,
        stored,
        outputs,
        features,
        1000 * taskCpu / passes / partitions,
        stored * (double) passes / taskCpu,
        rows * (double) passes / taskCpu,
        1000 * taskSeconds / passes / partitions,
        stored * (double) passes / taskSeconds,
        aggregated,
        8L * aggregated,
        load1,
        load2);
    spark.stop();
  }

  private static SoftclassLogisticRegression softclass(double reg, int iterations) {
    // Standard scaling: the objective MLlib minimises (it standardises internally).
    SoftclassLogisticRegression lr = new SoftclassLogisticRegression().setFamily("softmax");
    lr.setTol(0);
    lr.setScale("standard");
    lr.setRegParam(reg).setMaxIter(iterations);
    return lr;
  }

  private static LogisticRegression mllib(double reg, int iterations) {
    return new LogisticRegression()
        .setFamily("multinomial")
        .setRegParam(reg)
        .setElasticNetParam(0)
        .setMaxIter(iterations)
        .setTol(0);
  }

  private static Dataset<Row> read(SparkSession spark, Path file, int partitions) {
    Dataset<Row> d =
        spark
            .read()
            .format("libsvm")
            .option("numFeatures", 784)
            .load(file.toString())
            .repartition(partitions)
            .persist(StorageLevel.MEMORY_ONLY());
    d.count();
    return d;
  }

  /** Accuracy and log loss of scored rows. */
  private static double[] score(Dataset<Row> scored) {
    double correct = 0;
    double loss = 0;
    long n = 0;
    for (Row r : scored.select("label", "prediction", "probability").collectAsList()) {
      int y = (int) r.getDouble(0);
      double[] p = ((Vector) r.get(2)).toArray();
      correct += r.getDouble(1) == y ? 1 : 0;
      loss -= Math.log(Math.max(p[y], 1e-15));
      n++;
    }
    return new double[] {correct / n, loss / n};
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (java.io.IOException e) {
      return Double.NaN;
    }
  }
}
