package dev.softclass.spark;

import dev.softclass.SoftclassException;
import dev.softclass.guard.GuardRailException;
import dev.softclass.preprocess.FeatureTransform;
import dev.softclass.preprocess.ScaleMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Training rows turned into cached {@link RowBlock}s (one per partition, features divided by their
 * scale factors), with the class names and the feature scaling fitted from statistics merged over
 * all partitions. {@link #close} releases the cache.
 */
final class PreparedData implements AutoCloseable {
  final InputSpec spec;
  final List<String> classNames;
  final FeatureTransform transform;
  final JavaRDD<RowBlock> blocks;
  final long rows;
  final long storedValues;
  final long[] classCounts;

  private PreparedData(
      InputSpec spec,
      List<String> classNames,
      FeatureTransform transform,
      JavaRDD<RowBlock> blocks,
      BlockStatistics stats) {
    this.spec = spec;
    this.classNames = classNames;
    this.transform = transform;
    this.blocks = blocks;
    this.rows = stats.rows;
    this.storedValues = stats.storedValues;
    this.classCounts = stats.classCounts;
  }

  /**
   * Reads, checks and caches the training rows.
   *
   * @param labelsCol the multi-label column (an array of labels), or null for single-label data
   * @param weightCol the row-weight column, or null
   * @param scale the requested scaling ({@code AUTO}: max-abs when most rows are sparse vectors,
   *     standard otherwise)
   * @throws SoftclassException for a missing or mistyped column, or a bad row (naming it)
   */
  static PreparedData of(
      Dataset<?> data,
      String featuresCol,
      String labelCol,
      String labelsCol,
      String weightCol,
      ScaleMode scale) {
    StructType schema = data.schema();
    requireVectorColumn(schema, featuresCol);
    boolean multiLabel = labelsCol != null && !labelsCol.isEmpty();
    String target = multiLabel ? labelsCol : labelCol;
    StructField targetField = field(schema, target, multiLabel ? "labels" : "label");
    int knownClasses = -1;
    List<String> names = null;
    List<String> labelNames = null;
    Column targetColumn = functions.col(target);
    if (multiLabel) {
      if (!(targetField.dataType() instanceof ArrayType)) {
        throw new SoftclassException(
            "the labels column '"
                + target
                + "' is "
                + targetField.dataType().simpleString()
                + "; expected an array of labels (strings or numbers) per row");
      }
      targetColumn = targetColumn.cast(DataTypes.createArrayType(DataTypes.StringType));
      TreeSet<String> distinct = new TreeSet<>();
      for (Row r :
          data.select(functions.explode(targetColumn).as("l")).distinct().collectAsList()) {
        if (!r.isNullAt(0)) {
          distinct.add(r.getString(0));
        }
      }
      labelNames = dev.softclass.data.LabelEncoder.fit(distinct).classes();
      names = labelNames;
    } else {
      if (!(targetField.dataType() instanceof NumericType)) {
        throw new SoftclassException(
            "the label column '"
                + target
                + "' is "
                + targetField.dataType().simpleString()
                + "; expected class indices 0, 1, 2, ... (index string labels with"
                + " StringIndexer first)");
      }
      Attribute attr = Attribute.fromStructField(targetField);
      if (attr instanceof NominalAttribute nominal && nominal.values().isDefined()) {
        names = List.of(nominal.values().get());
        knownClasses = names.size();
      } else if (attr instanceof NominalAttribute nominal && nominal.numValues().isDefined()) {
        knownClasses = (Integer) nominal.numValues().get();
      }
    }
    boolean weighted = weightCol != null && !weightCol.isEmpty();
    List<Column> columns = new ArrayList<>(List.of(functions.col(featuresCol), targetColumn));
    if (weighted) {
      StructField w = field(schema, weightCol, "weight");
      if (!(w.dataType() instanceof NumericType)) {
        throw new SoftclassException(
            "the weight column '"
                + weightCol
                + "' is "
                + w.dataType().simpleString()
                + "; expected a number >= 0 per row");
      }
      columns.add(functions.col(weightCol).cast(DataTypes.DoubleType));
    }
    Dataset<Row> selected = data.select(columns.toArray(new Column[0]));
    int features = featureCount(schema.apply(featuresCol), selected);
    InputSpec spec =
        new InputSpec(features, knownClasses, labelNames, weighted, featuresCol, target);
    JavaRDD<RowBlock> raw =
        selected
            .javaRDD()
            .mapPartitionsWithIndex(
                (p, it) -> List.of(RowBlock.build(p, it, spec)).iterator(), true)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int classesHint = Math.max(knownClasses, 0);
      BlockStatistics stats =
          SparkErrors.unwrap(
              () ->
                  OrderedTree.reduce(
                      raw.map(b -> BlockStatistics.of(b, classesHint)), BlockStatistics::merge));
      if (stats.rows == 0) {
        throw new SoftclassException("the training data has no rows");
      }
      if (!multiLabel) {
        int classes = Math.max(knownClasses, stats.classCounts.length);
        if (names == null) {
          names = new ArrayList<>();
          for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
          }
        }
        requireTwoClasses(stats, names);
      }
      ScaleMode mode =
          scale == ScaleMode.AUTO
              ? (2 * stats.sparseBlocksRows > stats.rows ? ScaleMode.MAXABS : ScaleMode.STANDARD)
              : scale;
      FeatureTransform transform =
          FeatureTransform.fromStatistics(mode, stats.counts(), stats.mean, stats.m2, stats.maxAbs);
      float[] factors = transform.scale();
      JavaRDD<RowBlock> scaled =
          raw.map(b -> b.scaled(factors)).persist(StorageLevel.MEMORY_AND_DISK());
      scaled.count();
      raw.unpersist(false);
      return new PreparedData(spec, names, transform, scaled, stats);
    } catch (RuntimeException e) {
      raw.unpersist(false);
      throw e;
    }
  }

  private static void requireTwoClasses(BlockStatistics stats, List<String> names) {
    int present = 0;
    int only = 0;
    for (int k = 0; k < stats.classCounts.length; k++) {
      if (stats.classCounts[k] > 0) {
        present++;
        only = k;
      }
    }
    if (present < 2) {
      throw new GuardRailException(
          "The training data has only one class ('"
              + names.get(only)
              + "' in all "
              + stats.rows
              + " rows): a classifier needs examples of at least two classes.");
    }
  }

  private static StructField field(StructType schema, String name, String what) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new SoftclassException(
        "no "
            + what
            + " column '"
            + name
            + "' in the data (its columns are "
            + String.join(", ", schema.fieldNames())
            + ")");
  }

  /**
   * @throws SoftclassException if the column is missing or not an ML vector column
   */
  static void requireVectorColumn(StructType schema, String name) {
    DataType type = field(schema, name, "features").dataType();
    if (!(type instanceof VectorUDT)) {
      throw new SoftclassException(
          "the features column '"
              + name
              + "' is "
              + type.simpleString()
              + "; expected a vector column (assemble numeric columns with VectorAssembler)");
    }
  }

  /** The vector size from the column's metadata, else from the first non-null row. */
  private static int featureCount(StructField field, Dataset<Row> selected) {
    int size = AttributeGroup.fromStructField(field).size();
    if (size > 0) {
      return size;
    }
    List<Row> first =
        selected.filter(functions.col(selected.columns()[0]).isNotNull()).limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new SoftclassException("the training data has no rows with features");
    }
    return ((Vector) first.get(0).get(0)).size();
  }

  /** The shift {@code centre / scale} of every feature, which the objectives fold into biases. */
  double[] centreShift() {
    float[] c = transform.center();
    float[] s = transform.scale();
    double[] u = new double[c.length];
    for (int j = 0; j < u.length; j++) {
      u[j] = (double) c[j] / s[j];
    }
    return u;
  }

  @Override
  public void close() {
    blocks.unpersist(false);
  }
}
