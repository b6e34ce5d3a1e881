package dev.softclass.spark;

import dev.softclass.SoftclassException;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.data.LabelSets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * The rows of one partition as Softclass matrices: features (CSR when most rows came as sparse
 * vectors, dense otherwise), the class of each row or its label set, and optional row weights.
 * Built once per partition and cached; each training pass computes on it with the core kernels.
 *
 * @param partition the partition's index
 * @param x the features
 * @param y the class of each row (single-label data), else null
 * @param sets the label set of each row (multi-label data), else null
 * @param weights a weight per row, or null for all 1
 */
record RowBlock(int partition, FeatureMatrix x, int[] y, LabelSets sets, double[] weights) {

  /**
   * Reads rows of {@code (features, label or labels[, weight])}, checking every value.
   *
   * @throws SoftclassException naming the partition, row, column and what was expected
   */
  static RowBlock build(int partition, Iterator<Row> rows, InputSpec spec) {
    int d = spec.features();
    List<Vector> vectors = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    List<int[]> labelSets = new ArrayList<>();
    List<Double> ws = new ArrayList<>();
    Map<String, Integer> labelIndex = new HashMap<>();
    if (spec.multiLabel()) {
      for (int i = 0; i < spec.labelNames().size(); i++) {
        labelIndex.put(spec.labelNames().get(i), i);
      }
    }
    int sparseRows = 0;
    long nnz = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      String where = "partition " + partition + ", row " + (vectors.size() + 1);
      Vector v = features(row, where, spec);
      if (v instanceof SparseVector) {
        sparseRows++;
      }
      nnz += v.numActives();
      vectors.add(v);
      if (spec.multiLabel()) {
        labelSets.add(labelSet(row, where, spec, labelIndex));
      } else {
        ys.add(label(row, where, spec));
      }
      if (spec.weighted()) {
        ws.add(weight(row, where));
      }
    }
    int n = vectors.size();
    FeatureMatrix x = 2 * sparseRows > n ? csr(vectors, d, nnz) : dense(vectors, d);
    int[] y = spec.multiLabel() ? null : ys.stream().mapToInt(Integer::intValue).toArray();
    LabelSets sets =
        spec.multiLabel()
            ? LabelSets.of(labelSets.toArray(new int[0][]), spec.labelNames().size())
            : null;
    double[] w = spec.weighted() ? ws.stream().mapToDouble(Double::doubleValue).toArray() : null;
    return new RowBlock(partition, x, y, sets, w);
  }

  private static Vector features(Row row, String where, InputSpec spec) {
    Object value = row.get(0);
    if (value == null) {
      throw new SoftclassException(
          where
              + ": the features column '"
              + spec.featuresCol()
              + "' is null; every row needs"
              + " a feature vector (drop or fill such rows, for example with na.drop())");
    }
    if (!(value instanceof Vector v)) {
      throw new SoftclassException(
          where
              + ": the features column '"
              + spec.featuresCol()
              + "' holds "
              + value.getClass().getSimpleName()
              + ", expected an ML Vector (use VectorAssembler)");
    }
    if (v.size() != spec.features()) {
      throw new SoftclassException(
          where
              + ": the feature vector has "
              + v.size()
              + " values, expected "
              + spec.features()
              + " (as the first row and the column's metadata)");
    }
    double[] values = v instanceof SparseVector s ? s.values() : ((DenseVector) v).values();
    for (int k = 0; k < values.length; k++) {
      if (!Double.isFinite(values[k]) || Math.abs(values[k]) > Float.MAX_VALUE) {
        int index = v instanceof SparseVector s ? s.indices()[k] : k;
        throw new SoftclassException(
            where
                + ": feature "
                + index
                + " is "
                + values[k]
                + "; every feature must be a finite number within the float range");
      }
    }
    return v;
  }

  private static int label(Row row, String where, InputSpec spec) {
    Object value = row.get(1);
    if (!(value instanceof Number number)) {
      throw new SoftclassException(
          where
              + ": the label column '"
              + spec.labelCol()
              + "' is "
              + (value == null ? "null" : "'" + value + "'")
              + "; expected a class index 0, 1, 2, ... (index string labels with StringIndexer)");
    }
    double label = number.doubleValue();
    if (!(label >= 0) || label != Math.rint(label) || label > Integer.MAX_VALUE - 1) {
      throw new SoftclassException(
          where
              + ": unknown label "
              + label
              + " in column '"
              + spec.labelCol()
              + "'; expected a class index 0, 1, 2, ... (index string labels with StringIndexer)");
    }
    if (spec.knownClasses() > 0 && label >= spec.knownClasses()) {
      throw new SoftclassException(
          where
              + ": unknown label "
              + label
              + " in column '"
              + spec.labelCol()
              + "'; its metadata names "
              + spec.knownClasses()
              + " classes (0 to "
              + (spec.knownClasses() - 1)
              + ")");
    }
    return (int) label;
  }

  private static int[] labelSet(
      Row row, String where, InputSpec spec, Map<String, Integer> labelIndex) {
    List<Object> values = row.getList(1);
    if (values == null) {
      throw new SoftclassException(
          where
              + ": the labels column '"
              + spec.labelCol()
              + "' is null; use an empty array"
              + " for a row with no label");
    }
    int[] set =
        values.stream()
            .map(
                v -> {
                  Integer index = v == null ? null : labelIndex.get(String.valueOf(v));
                  if (index == null) {
                    throw new SoftclassException(
                        where
                            + ": unknown label '"
                            + v
                            + "' in column '"
                            + spec.labelCol()
                            + "'; the labels are "
                            + spec.labelNames());
                  }
                  return index;
                })
            .mapToInt(Integer::intValue)
            .sorted()
            .distinct()
            .toArray();
    return set;
  }

  private static double weight(Row row, String where) {
    Object value = row.get(2);
    double w = value instanceof Number number ? number.doubleValue() : Double.NaN;
    if (!(w >= 0) || Double.isInfinite(w)) {
      throw new SoftclassException(
          where + ": the row weight is " + value + "; expected a finite number >= 0");
    }
    return w;
  }

  private static DenseMatrix dense(List<Vector> vectors, int d) {
    float[] data = new float[Math.multiplyExact(vectors.size(), d)];
    for (int r = 0; r < vectors.size(); r++) {
      Vector v = vectors.get(r);
      int off = r * d;
      if (v instanceof SparseVector s) {
        int[] idx = s.indices();
        double[] val = s.values();
        for (int k = 0; k < idx.length; k++) {
          data[off + idx[k]] = (float) val[k];
        }
      } else {
        double[] val = ((DenseVector) v).values();
        for (int j = 0; j < d; j++) {
          data[off + j] = (float) val[j];
        }
      }
    }
    return new DenseMatrix(data, vectors.size(), d);
  }

  private static CsrMatrix csr(List<Vector> vectors, int d, long nnz) {
    int[] rowPtr = new int[vectors.size() + 1];
    int[] indices = new int[Math.toIntExact(nnz)];
    float[] values = new float[indices.length];
    int k = 0;
    for (int r = 0; r < vectors.size(); r++) {
      Vector v = vectors.get(r);
      if (v instanceof SparseVector s) {
        int[] idx = s.indices();
        double[] val = s.values();
        for (int i = 0; i < idx.length; i++) {
          indices[k] = idx[i];
          values[k++] = (float) val[i];
        }
      } else {
        double[] val = ((DenseVector) v).values();
        for (int j = 0; j < d; j++) {
          if (val[j] != 0) {
            indices[k] = j;
            values[k++] = (float) val[j];
          }
        }
      }
      rowPtr[r + 1] = k;
    }
    // Dense rows' zeros (and sparse vectors' stored zeros of dense rows) are not kept.
    return new CsrMatrix(
        rowPtr, java.util.Arrays.copyOf(indices, k), java.util.Arrays.copyOf(values, k), d);
  }

  /** Rows in the block. */
  int rows() {
    return x.rows();
  }

  /**
   * The block with every feature divided by its scale factor (no centring: a distributed objective
   * folds the centres into the biases, so sparse blocks stay sparse).
   */
  RowBlock scaled(float[] scale) {
    if (x instanceof CsrMatrix s) {
      int[] idx = s.indices();
      float[] val = s.values();
      float[] out = new float[val.length];
      for (int k = 0; k < val.length; k++) {
        out[k] = val[k] / scale[idx[k]];
      }
      return new RowBlock(
          partition, new CsrMatrix(s.rowPtr(), idx, out, s.cols()), y, sets, weights);
    }
    DenseMatrix m = (DenseMatrix) x;
    float[] data = m.data();
    float[] out = new float[data.length];
    int d = m.cols();
    for (int i = 0; i < data.length; i++) {
      out[i] = data[i] / scale[i % d];
    }
    return new RowBlock(partition, new DenseMatrix(out, m.rows(), d), y, sets, weights);
  }
}
