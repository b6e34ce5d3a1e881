package dev.softclass.spark;

import dev.softclass.SoftclassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains a Softclass model on Spark and writes it as a {@code .softclass} file, for {@code
 * spark-submit --class dev.softclass.spark.SoftclassSparkTrain softclass-spark-all.jar ...}. Reads
 * LIBSVM (label = class index), CSV (header; the label column is indexed, every other column is a
 * numeric feature) or Parquet (a vector column and a numeric label column).
 */
@Command(
    name = "softclass-spark-train",
    mixinStandardHelpOptions = true,
    description = "Train a Softclass model on Spark and write it as a .softclass file.")
public final class SoftclassSparkTrain implements Callable<Integer> {
  @Option(names = "--train", required = true, description = "training data (any Spark path)")
  String train;

  @Option(names = "--test", description = "test data in the same format: prints accuracy, log loss")
  String test;

  @Option(
      names = "--format",
      defaultValue = "libsvm",
      description = "libsvm, csv or parquet (default ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--num-features",
      defaultValue = "0",
      description = "LIBSVM: the feature count (0: found by a pass over the data)")
  int numFeatures;

  @Option(names = "--label", defaultValue = "label", description = "label column")
  String label;

  @Option(names = "--features", defaultValue = "features", description = "Parquet: vector column")
  String features;

  @Option(names = "--output", required = true, description = "the .softclass file to write")
  String output;

  @Option(names = "--spark-model", description = "also save the Spark ML PipelineModel here")
  String sparkModel;

  @Option(names = "--model-type", defaultValue = "linear", description = "linear or mlp")
  String modelType;

  @Option(names = "--reg", defaultValue = "1e-4", description = "regParam (on the mean loss)")
  double reg;

  @Option(names = "--elastic-net", defaultValue = "0", description = "elasticNetParam in [0, 1]")
  double elasticNet;

  @Option(names = "--max-iter", defaultValue = "100", description = "iterations (MLP: rounds)")
  int maxIter;

  @Option(names = "--tol", defaultValue = "1e-6", description = "gradient tolerance")
  double tol;

  @Option(names = "--family", defaultValue = "auto", description = "auto, sigmoid or softmax")
  String family;

  @Option(
      names = "--hidden",
      split = ",",
      defaultValue = "100",
      description = "MLP hidden widths (default ${DEFAULT-VALUE})")
  int[] hidden;

  @Option(names = "--lr", defaultValue = "1e-3", description = "MLP learning rate")
  double learningRate;

  @Option(names = "--batch-size", defaultValue = "32", description = "MLP mini-batch rows")
  int batchSize;

  @Option(names = "--partitions", defaultValue = "0", description = "repartition to N (0: keep)")
  int partitions;

  @Option(names = "--seed", defaultValue = "42", description = "random seed")
  long seed;

  /** Runs the command line; exits with 0, 1 for a user's mistake, 2 for bad options. */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new SoftclassSparkTrain());
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof SoftclassException) {
            line.getErr().println("softclass-spark-train: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    int code = cli.execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws java.io.IOException {
    SparkSession spark = SparkSession.builder().appName("softclass-spark-train").getOrCreate();
    Dataset<Row> trainRows = read(spark, train);
    if (partitions > 0) {
      trainRows = trainRows.repartition(partitions);
    }
    SoftclassEstimator estimator = estimator();
    List<PipelineStage> stages = new ArrayList<>();
    if (format.equals("csv")) {
      List<String> inputs = new ArrayList<>(List.of(trainRows.columns()));
      inputs.remove(label);
      stages.add(
          new VectorAssembler()
              .setInputCols(inputs.toArray(new String[0]))
              .setOutputCol("features"));
      stages.add(new StringIndexer().setInputCol(label).setOutputCol("label_index"));
      estimator.setLabelCol("label_index").setFeaturesCol("features");
    } else {
      estimator.setLabelCol(label).setFeaturesCol(features);
    }
    stages.add(estimator);
    long start = System.nanoTime();
    PipelineModel model =
        new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(trainRows);
    double seconds = (System.nanoTime() - start) / 1e9;
    SoftclassClassificationModel softclass =
        (SoftclassClassificationModel) model.stages()[model.stages().length - 1];
    softclass.exportSoftclass(output);
    if (sparkModel != null) {
      model.write().overwrite().save(sparkModel);
    }
    System.out.printf(
        Locale.ROOT, "trained %s on %s in %.1f s; wrote %s%n", modelType, train, seconds, output);
    if (test != null) {
      if (numFeatures == 0) {
        numFeatures = softclass.model().numFeatures(); // LIBSVM test files: the training width
      }
      Dataset<Row> scored = model.transform(read(spark, test));
      String labelCol = format.equals("csv") ? "label_index" : label;
      printTestMetrics(scored, labelCol);
    }
    return 0;
  }

  private static void printTestMetrics(Dataset<Row> scored, String labelCol) {
    double[] sums =
        scored
            .select(
                functions.col(labelCol).cast("double"),
                functions.col("prediction"),
                functions.col("probability"))
            .javaRDD()
            .map(
                row -> {
                  int y = (int) row.getDouble(0);
                  double[] p = ((Vector) row.get(2)).toArray();
                  return new double[] {
                    row.getDouble(1) == y ? 1 : 0, -Math.log(Math.max(p[y], 1e-15)), 1
                  };
                })
            .reduce(OrderedTree::add);
    System.out.printf(
        Locale.ROOT,
        "test: %d rows, accuracy %.4f, log loss %.4f%n",
        (long) sums[2],
        sums[0] / sums[2],
        sums[1] / sums[2]);
  }

  private SoftclassEstimator estimator() {
    if (modelType.equals("mlp")) {
      SoftclassMlpClassifier mlp =
          new SoftclassMlpClassifier()
              .setHiddenLayers(hidden)
              .setStepSize(learningRate)
              .setBlockSize(batchSize)
              .setFamily(family);
      mlp.setMaxIter(maxIter).setRegParam(reg).setSeed(seed);
      return mlp;
    }
    if (!modelType.equals("linear")) {
      throw new SoftclassException(
          "unknown --model-type '" + modelType + "': expected linear or mlp");
    }
    SoftclassLogisticRegression lr =
        new SoftclassLogisticRegression()
            .setElasticNetParam(elasticNet)
            .setTol(tol)
            .setFamily(family);
    lr.setMaxIter(maxIter).setRegParam(reg).setSeed(seed);
    return lr;
  }

  private Dataset<Row> read(SparkSession spark, String path) {
    return switch (format) {
      case "libsvm" -> {
        var reader = spark.read().format("libsvm");
        if (numFeatures > 0) {
          reader = reader.option("numFeatures", numFeatures);
        }
        yield reader.load(path);
      }
      case "csv" -> spark.read().option("header", true).option("inferSchema", true).csv(path);
      case "parquet" -> spark.read().parquet(path);
      default ->
          throw new SoftclassException(
              "unknown --format '" + format + "': expected libsvm, csv or parquet");
    };
  }
}
