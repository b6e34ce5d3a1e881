package dev.softclass.spark;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import dev.softclass.data.LabelEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Real data for the tests, in both forms: Spark rows and a core {@link Dataset}. Digits (dense, 10
 * classes) from the core's test resources; the UDHR language-identification sentences (8 languages)
 * as hashed word counts (sparse).
 */
final class TestData {
  static final Path RESOURCES = Path.of("../softclass-core/src/test/resources/datasets");
  static final int HASH_BUCKETS = 2048;

  /** Rows as vectors with their class index. */
  record Table(List<Vector> x, int[] y, int features) {
    org.apache.spark.sql.Dataset<Row> toFrame(SparkSession spark, int partitions) {
      List<Row> rows = new ArrayList<>();
      for (int r = 0; r < y.length; r++) {
        rows.add(RowFactory.create(x.get(r), (double) y[r]));
      }
      StructType schema =
          new StructType(
              new StructField[] {
                new StructField("features", new VectorUDT(), true, Metadata.empty()),
                new StructField("label", DataTypes.DoubleType, true, Metadata.empty())
              });
      return spark.createDataFrame(
          new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
              .parallelize(rows, partitions),
          schema);
    }

    Dataset toCore() {
      List<String> names = new ArrayList<>();
      int classes = java.util.Arrays.stream(y).max().orElse(0) + 1;
      for (int k = 0; k < classes; k++) {
        names.add(Integer.toString(k));
      }
      LabelEncoder encoder = LabelEncoder.ofClasses(names);
      boolean sparse = x.get(0) instanceof org.apache.spark.ml.linalg.SparseVector;
      dev.softclass.data.FeatureMatrix m;
      if (sparse) {
        int[] rowPtr = new int[y.length + 1];
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        for (int r = 0; r < y.length; r++) {
          org.apache.spark.ml.linalg.SparseVector s =
              (org.apache.spark.ml.linalg.SparseVector) x.get(r);
          for (int k = 0; k < s.indices().length; k++) {
            idx.add(s.indices()[k]);
            val.add((float) s.values()[k]);
          }
          rowPtr[r + 1] = idx.size();
        }
        float[] v = new float[val.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = val.get(k);
        }
        m = new CsrMatrix(rowPtr, idx.stream().mapToInt(Integer::intValue).toArray(), v, features);
      } else {
        float[] data = new float[y.length * features];
        for (int r = 0; r < y.length; r++) {
          double[] row = x.get(r).toArray();
          for (int j = 0; j < features; j++) {
            data[r * features + j] = (float) row[j];
          }
        }
        m = new dev.softclass.data.DenseMatrix(data, y.length, features);
      }
      return new Dataset(m, y.clone(), encoder, null, "test data", null, false);
    }
  }

  private TestData() {}

  /** digits/train.csv or test.csv: 64 pixel columns, label first. */
  static Table digits(String file) {
    List<String> lines = lines(RESOURCES.resolve("digits").resolve(file));
    List<Vector> x = new ArrayList<>();
    int[] y = new int[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      y[i - 1] = Integer.parseInt(f[0]);
      double[] v = new double[f.length - 1];
      for (int j = 1; j < f.length; j++) {
        v[j - 1] = Double.parseDouble(f[j]);
      }
      x.add(Vectors.dense(v));
    }
    return new Table(x, y, 64);
  }

  /**
   * The UDHR sentences as hashed lower-case word counts; every {@code testEvery}-th row goes to the
   * test part ({@code test = true}), the rest to training.
   */
  static Table udhr(boolean test, int testEvery) {
    List<String> lines = lines(RESOURCES.resolve("udhr_langid").resolve("udhr_8langs.ft.txt"));
    TreeMap<String, Integer> classes = new TreeMap<>();
    for (String line : lines) {
      classes.putIfAbsent(line.substring(0, line.indexOf(' ')), 0);
    }
    int c = 0;
    for (String k : classes.keySet()) {
      classes.put(k, c++);
    }
    List<Vector> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if ((i % testEvery == 0) != test) {
        continue;
      }
      String line = lines.get(i);
      int space = line.indexOf(' ');
      TreeMap<Integer, Double> counts = new TreeMap<>();
      for (String word : line.substring(space + 1).toLowerCase(java.util.Locale.ROOT).split(" ")) {
        if (!word.isBlank()) {
          counts.merge(Math.floorMod(word.hashCode(), HASH_BUCKETS), 1.0, Double::sum);
        }
      }
      x.add(
          Vectors.sparse(
              HASH_BUCKETS,
              counts.keySet().stream().mapToInt(Integer::intValue).toArray(),
              counts.values().stream().mapToDouble(Double::doubleValue).toArray()));
      y.add(classes.get(line.substring(0, space)));
    }
    return new Table(x, y.stream().mapToInt(Integer::intValue).toArray(), HASH_BUCKETS);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
