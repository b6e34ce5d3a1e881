package dev.softclass.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.Trainer;
import dev.softclass.train.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Pipelines, saving and loading, .softclass files, bad input, the MLP and multi-label data. */
class SoftclassSparkModelTest {
  private static final Path WORK = Path.of("target/spark-test-output").toAbsolutePath();
  private final SparkSession spark = SparkTestSession.get();

  /** Digits with 64 numeric columns and a string label "digit-N", as a user would have them. */
  private Dataset<Row> rawDigits(String file) {
    TestData.Table t = TestData.digits(file);
    List<StructField> fields = new ArrayList<>();
    fields.add(new StructField("digit", DataTypes.StringType, false, Metadata.empty()));
    for (int j = 0; j < 64; j++) {
      fields.add(new StructField("p" + j, DataTypes.DoubleType, false, Metadata.empty()));
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < t.y().length; r++) {
      Object[] values = new Object[65];
      values[0] = "digit-" + t.y()[r];
      double[] x = t.x().get(r).toArray();
      for (int j = 0; j < 64; j++) {
        values[j + 1] = x[j];
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(
        new JavaSparkContext(spark.sparkContext()).parallelize(rows, 2),
        new StructType(fields.toArray(new StructField[0])));
  }

  private static String[] pixelColumns() {
    String[] cols = new String[64];
    for (int j = 0; j < 64; j++) {
      cols[j] = "p" + j;
    }
    return cols;
  }

  @Test
  void pipelineFitsSavesLoadsAndTransformsTheSameWay() throws IOException {
    Dataset<Row> train = rawDigits("train.csv");
    Dataset<Row> test = rawDigits("test.csv");
    SoftclassLogisticRegression lr = new SoftclassLogisticRegression();
    lr.setMaxIter(20).setRegParam(1e-3);
    Pipeline pipeline =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new VectorAssembler().setInputCols(pixelColumns()).setOutputCol("features"),
                  new StringIndexer().setInputCol("digit").setOutputCol("label"),
                  lr
                });
    Path unfitted = WORK.resolve("pipeline");
    pipeline.write().overwrite().save(unfitted.toString());
    Pipeline reloadedPipeline = Pipeline.load(unfitted.toString());
    assertThat(
            ((SoftclassLogisticRegression) reloadedPipeline.getStages()[2])
                .getOrDefault(lr.maxIter()))
        .isEqualTo(20);

    PipelineModel fitted = pipeline.fit(train);
    Path saved = WORK.resolve("pipeline-model");
    fitted.write().overwrite().save(saved.toString());
    PipelineModel loaded = PipelineModel.load(saved.toString());

    List<Row> before =
        fitted.transform(test).select("label", "probability", "prediction").collectAsList();
    List<Row> after =
        loaded.transform(test).select("label", "probability", "prediction").collectAsList();
    assertThat(after).hasSameSizeAs(before);
    int correct = 0;
    for (int r = 0; r < before.size(); r++) {
      assertThat(((Vector) after.get(r).get(1)).toArray())
          .isEqualTo(((Vector) before.get(r).get(1)).toArray());
      assertThat(after.get(r).getDouble(2)).isEqualTo(before.get(r).getDouble(2));
      if (before.get(r).getDouble(0) == before.get(r).getDouble(2)) {
        correct++;
      }
    }
    assertThat((double) correct / before.size()).isGreaterThan(0.9);
    SoftclassClassificationModel model = (SoftclassClassificationModel) loaded.stages()[2];
    // The class names come from StringIndexer's metadata.
    assertThat(model.classes()).allMatch(name -> name.startsWith("digit-"));
  }

  @Test
  void softclassFilesRoundTripBothWays() {
    TestData.Table train = TestData.digits("train.csv");
    TestData.Table test = TestData.digits("test.csv");
    SoftclassLogisticRegression lr = new SoftclassLogisticRegression();
    lr.setMaxIter(30);
    SoftclassClassificationModel trained = lr.fit(train.toFrame(spark, 2));
    Path file = WORK.resolve("spark-trained.softclass");
    trained.exportSoftclass(file.toString());

    Model exported = Model.load(file);
    List<Row> scored =
        trained.transform(test.toFrame(spark, 2)).select("probability").collectAsList();
    for (int r = 0; r < scored.size(); r++) {
      assertThat(((Vector) scored.get(r).get(0)).toArray())
          .isEqualTo(exported.predictProba(toFloats(test.x().get(r))));
    }

    Model local =
        Trainer.fit(
            TrainingSettings.defaults().toBuilder().maxIterations(30).threads(1).build(),
            train.toCore(),
            ProgressListener.NONE);
    Path localFile = WORK.resolve("single-machine.softclass");
    local.save(localFile);
    SoftclassClassificationModel loaded =
        SoftclassClassificationModel.fromSoftclass(localFile.toString());
    List<Row> batch =
        loaded
            .transform(test.toFrame(spark, 2))
            .select("probability", "prediction")
            .collectAsList();
    for (int r = 0; r < batch.size(); r++) {
      double[] expected = local.predictProba(toFloats(test.x().get(r)));
      assertThat(((Vector) batch.get(r).get(0)).toArray()).isEqualTo(expected);
      assertThat(batch.get(r).getDouble(1)).isEqualTo(Model.argmax(expected));
    }
  }

  @Test
  void aMissingModelFileIsNamed() {
    assertThatThrownBy(
            () ->
                SoftclassClassificationModel.fromSoftclass(
                    WORK.resolve("none.softclass").toString()))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("none.softclass");
  }

  private Dataset<Row> frame(List<Row> rows) {
    StructType schema =
        new StructType(
            new StructField[] {
              new StructField("features", new VectorUDT(), true, Metadata.empty()),
              new StructField("label", DataTypes.DoubleType, true, Metadata.empty())
            });
    return spark.createDataFrame(
        new JavaSparkContext(spark.sparkContext()).parallelize(rows, 2), schema);
  }

  private List<Row> goodRows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(RowFactory.create(Vectors.dense(i, i % 3, 1), (double) (i % 2)));
    }
    return rows;
  }

  @Test
  void nullFeaturesAreAClearError() {
    List<Row> rows = goodRows();
    rows.set(13, RowFactory.create(null, 1.0));
    assertThatThrownBy(() -> new SoftclassLogisticRegression().fit(frame(rows)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("partition 1, row 4")
        .hasMessageContaining("'features' is null");
  }

  @Test
  void aVectorOfTheWrongSizeIsAClearError() {
    List<Row> rows = goodRows();
    rows.set(2, RowFactory.create(Vectors.dense(1, 2), 0.0));
    assertThatThrownBy(() -> new SoftclassLogisticRegression().fit(frame(rows)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("partition 0, row 3")
        .hasMessageContaining("has 2 values, expected 3");
  }

  @Test
  void anUnknownLabelIsAClearError() {
    List<Row> rows = goodRows();
    rows.set(5, RowFactory.create(Vectors.dense(1, 2, 3), 1.5));
    assertThatThrownBy(() -> new SoftclassLogisticRegression().fit(frame(rows)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("unknown label 1.5");
    List<Row> indexed = goodRows();
    Dataset<Row> withMetadata =
        frame(indexed)
            .withColumn(
                "label",
                org.apache
                    .spark
                    .sql
                    .functions
                    .when(
                        org.apache.spark.sql.functions.col("features").isNotNull(),
                        org.apache.spark.sql.functions.lit(7.0))
                    .as(
                        "label",
                        org.apache.spark.ml.attribute.NominalAttribute.defaultAttr()
                            .withValues(new String[] {"no", "yes"})
                            .toMetadata()));
    assertThatThrownBy(() -> new SoftclassLogisticRegression().fit(withMetadata))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("unknown label 7.0")
        .hasMessageContaining("2 classes");
    assertThatThrownBy(
            () -> new SoftclassLogisticRegression().setFeaturesCol("label").fit(frame(goodRows())))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("expected a vector column");
  }

  @Test
  void theMlpIsDeterministicAndLearnsDigits() {
    TestData.Table train = TestData.digits("train.csv");
    TestData.Table test = TestData.digits("test.csv");
    SoftclassMlpClassifier mlp = new SoftclassMlpClassifier().setHiddenLayers(32).setStepSize(3e-3);
    mlp.setMaxIter(6);
    SoftclassClassificationModel a = mlp.fit(train.toFrame(spark, 2));
    SoftclassClassificationModel b = mlp.fit(train.toFrame(spark, 2));
    assertThat(DistributedMlpTrainer.flatten(a.model()))
        .isEqualTo(DistributedMlpTrainer.flatten(b.model()));
    assertThat(a.model().body().name()).isEqualTo("mlp");
    List<Row> scored = a.transform(test.toFrame(spark, 2)).select("prediction").collectAsList();
    int correct = 0;
    for (int r = 0; r < scored.size(); r++) {
      if ((int) scored.get(r).getDouble(0) == test.y()[r]) {
        correct++;
      }
    }
    assertThat((double) correct / scored.size()).isGreaterThan(0.9);
  }

  @Test
  void multiLabelDataTrainIndependentSigmoidsAsTheSingleMachineTrainer() throws IOException {
    List<String> lines =
        Files.readAllLines(TestData.RESOURCES.resolve("yeast").resolve("yeast-400.csv"));
    int n = lines.size() - 1;
    double[][] x = new double[n][];
    String[][] labels = new String[n][];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      labels[i] = f[0].split(";");
      x[i] = new double[f.length - 1];
      for (int j = 1; j < f.length; j++) {
        x[i][j - 1] = Double.parseDouble(f[j]);
      }
      rows.add(
          RowFactory.create(
              Vectors.dense(x[i]),
              scala.jdk.javaapi.CollectionConverters.asScala(List.of(labels[i])).toSeq()));
    }
    StructType schema =
        new StructType(
            new StructField[] {
              new StructField("features", new VectorUDT(), true, Metadata.empty()),
              new StructField(
                  "labels", DataTypes.createArrayType(DataTypes.StringType), true, Metadata.empty())
            });
    Dataset<Row> frame =
        spark.createDataFrame(
            new JavaSparkContext(spark.sparkContext()).parallelize(rows, 2), schema);
    SoftclassLogisticRegression lr = new SoftclassLogisticRegression();
    lr.setLabelsCol("labels").setMaxIter(30).setRegParam(1e-2);
    SoftclassClassificationModel model = lr.fit(frame);

    Model local =
        Trainer.fit(
            TrainingSettings.defaults().toBuilder().maxIterations(30).l2(1e-2).threads(1).build(),
            dev.softclass.data.Dataset.ofLabelSets(x, labels),
            ProgressListener.NONE);
    assertThat(model.classes()).isEqualTo(local.classes());
    assertThat(model.model().isMultiLabel()).isTrue();
    List<Row> scored = model.transform(frame).select("probability", "prediction").collectAsList();
    double sparkLoss = 0;
    double localLoss = 0;
    for (int r = 0; r < n; r++) {
      double[] p = ((Vector) scored.get(r).get(0)).toArray();
      double[] q = local.predictProba(x[r]);
      List<String> truth = List.of(labels[r]);
      for (int k = 0; k < p.length; k++) {
        boolean positive = truth.contains(local.classes().get(k));
        sparkLoss -= Math.log(positive ? p[k] : 1 - p[k]);
        localLoss -= Math.log(positive ? q[k] : 1 - q[k]);
      }
      List<String> predicted = scored.get(r).getList(1);
      assertThat(predicted).allMatch(local.classes()::contains);
    }
    assertThat(sparkLoss / n).isCloseTo(localLoss / n, within(1e-4));
  }

  private static float[] toFloats(Vector v) {
    double[] d = v.toArray();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
