package dev.softclass.spark;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.io.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Softclass model as a Spark ML {@link org.apache.spark.ml.Model}: adds the logits ({@code
 * rawPredictionCol}), the probabilities ({@code probabilityCol}) and the prediction ({@code
 * predictionCol}: the class index, or for a multi-label model the array of chosen labels), scoring
 * every row exactly as the single-machine model does.
 *
 * <p>Saved and loaded with Spark ({@link #write()}, {@link #read()}, inside a {@code PipelineModel}
 * too): Spark's metadata plus the ordinary {@code .softclass} file. {@link #exportSoftclass} writes
 * that file alone, for {@code softclass serve}; {@link #fromSoftclass} loads any {@code .softclass}
 * file for batch scoring on Spark.
 */
public final class SoftclassClassificationModel
    extends org.apache.spark.ml.Model<SoftclassClassificationModel> implements MLWritable {
  private static final long serialVersionUID = 1L;
  private static final String MODEL_FILE = "data/model.softclass";

  private final String uid;
  private final RowScorer scorer;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;

  /** Wraps a core model; column params at their defaults. */
  public SoftclassClassificationModel(String uid, Model model) {
    this.uid = uid;
    this.scorer = new RowScorer(model);
    featuresCol = new Param<>(this, "featuresCol", "features column name (an ML vector)");
    predictionCol = new Param<>(this, "predictionCol", "prediction column name");
    probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column name");
    rawPredictionCol = new Param<>(this, "rawPredictionCol", "logits column name");
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(rawPredictionCol, "rawPrediction");
  }

  /**
   * Loads any {@code .softclass} model file (a local path, or any Hadoop file system URI) for batch
   * scoring.
   *
   * @throws dev.softclass.io.ModelFileException saying what is wrong with the file
   */
  public static SoftclassClassificationModel fromSoftclass(String path) {
    return new SoftclassClassificationModel(
        Identifiable.randomUID("softclass"), readModelFile(path));
  }

  /**
   * Writes the model as an ordinary {@code .softclass} file (a local path, or any Hadoop file
   * system URI), which {@code softclass serve} and {@code softclass predict} read.
   */
  public void exportSoftclass(String path) {
    writeModelFile(model(), path);
  }

  /** The core model. */
  public Model model() {
    return scorer.model();
  }

  /** The class (or label) names, in the order of the probability vector. */
  public List<String> classes() {
    return model().classes();
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public Param<String> rawPredictionCol() {
    return rawPredictionCol;
  }

  /** Sets the features column (default {@code features}). */
  public SoftclassClassificationModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /** Sets the prediction column (default {@code prediction}). */
  public SoftclassClassificationModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /** Sets the probability column (default {@code probability}). */
  public SoftclassClassificationModel setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  /** Sets the logits column (default {@code rawPrediction}). */
  public SoftclassClassificationModel setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    RowScorer s = scorer;
    boolean multiLabel = model().isMultiLabel();
    List<String> names = classes();
    UserDefinedFunction raw =
        functions.udf((UDF1<Vector, Vector>) v -> Vectors.dense(s.logits(v)), new VectorUDT());
    UserDefinedFunction probability =
        functions.udf(
            (UDF1<Vector, Vector>) z -> Vectors.dense(s.model().probabilities(z.toArray())),
            new VectorUDT());
    String rawName = getOrDefault(rawPredictionCol);
    String probName = getOrDefault(probabilityCol);
    Dataset<Row> out =
        dataset
            .toDF()
            .withColumn(rawName, raw.apply(functions.col(getOrDefault(featuresCol))))
            .withColumn(probName, probability.apply(functions.col(rawName)));
    Column prediction;
    if (multiLabel) {
      UserDefinedFunction labels =
          functions.udf(
              (UDF1<Vector, String[]>)
                  p ->
                      java.util.Arrays.stream(s.model().decideLabels(p.toArray()))
                          .mapToObj(names::get)
                          .toArray(String[]::new),
              DataTypes.createArrayType(DataTypes.StringType));
      prediction = labels.apply(functions.col(probName));
    } else {
      UserDefinedFunction decide =
          functions.udf(
              (UDF1<Vector, Double>) p -> (double) s.model().decide(p.toArray()),
              DataTypes.DoubleType);
      prediction =
          decide
              .apply(functions.col(probName))
              .as(getOrDefault(predictionCol), predictionMetadata(names));
    }
    return out.withColumn(getOrDefault(predictionCol), prediction);
  }

  private static Metadata predictionMetadata(List<String> names) {
    return NominalAttribute.defaultAttr().withValues(names.toArray(new String[0])).toMetadata();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    PreparedData.requireVectorColumn(schema, getOrDefault(featuresCol));
    return outputSchema(
        schema,
        getOrDefault(rawPredictionCol),
        getOrDefault(probabilityCol),
        getOrDefault(predictionCol),
        model().isMultiLabel());
  }

  /** {@code schema} with the logits, probability and prediction columns appended. */
  static StructType outputSchema(
      StructType schema, String raw, String probability, String prediction, boolean multiLabel) {
    for (String name : List.of(raw, probability, prediction)) {
      if (List.of(schema.fieldNames()).contains(name)) {
        throw new SoftclassException(
            "the output column '" + name + "' already exists: choose another name");
      }
    }
    return schema
        .add(new StructField(raw, new VectorUDT(), true, Metadata.empty()))
        .add(new StructField(probability, new VectorUDT(), true, Metadata.empty()))
        .add(
            new StructField(
                prediction,
                multiLabel ? DataTypes.createArrayType(DataTypes.StringType) : DataTypes.DoubleType,
                true,
                Metadata.empty()));
  }

  @Override
  public SoftclassClassificationModel copy(ParamMap extra) {
    SoftclassClassificationModel copy = new SoftclassClassificationModel(uid, model());
    copyValues(copy, extra);
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** A reader for models saved by {@link #write()} (Spark's {@code load} finds it by name). */
  public static MLReader<SoftclassClassificationModel> read() {
    return new Reader();
  }

  /** Loads a model saved with {@link #write()}. */
  public static SoftclassClassificationModel load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final SoftclassClassificationModel instance;

    Writer(SoftclassClassificationModel instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
      writeModelFile(instance.model(), new org.apache.hadoop.fs.Path(path, MODEL_FILE).toString());
    }
  }

  private static final class Reader extends MLReader<SoftclassClassificationModel> {
    @Override
    public SoftclassClassificationModel load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader.loadMetadata(
              path, sparkSession(), SoftclassClassificationModel.class.getName());
      Model model = readModelFile(new org.apache.hadoop.fs.Path(path, MODEL_FILE).toString());
      SoftclassClassificationModel instance =
          new SoftclassClassificationModel(metadata.uid(), model);
      metadata.getAndSetParams(instance, scala.Option.empty());
      return instance;
    }
  }

  /** Writes a model file to a local path or through the Hadoop file system of its URI. */
  static void writeModelFile(Model model, String path) {
    URI uri = URI.create(path.replace(" ", "%20"));
    if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
      Path file = uri.getScheme() == null ? Paths.get(path) : Paths.get(uri);
      try {
        if (file.toAbsolutePath().getParent() != null) {
          Files.createDirectories(file.toAbsolutePath().getParent());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the folder of " + path, e);
      }
      ModelFile.write(model, file);
      return;
    }
    try {
      Path local = Files.createTempFile("softclass-export", ".softclass");
      try {
        ModelFile.write(model, local);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = target.getFileSystem(hadoopConf());
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), target);
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Reads a model file from a local path or through the Hadoop file system of its URI. */
  static Model readModelFile(String path) {
    URI uri = URI.create(path.replace(" ", "%20"));
    if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
      return ModelFile.read(uri.getScheme() == null ? Paths.get(path) : Paths.get(uri));
    }
    try {
      Path local = Files.createTempFile("softclass-import", ".softclass");
      try {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path);
        source
            .getFileSystem(hadoopConf())
            .copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
        return ModelFile.read(local);
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static Configuration hadoopConf() {
    return SparkSession.active().sparkContext().hadoopConfiguration();
  }
}
