package dev.softclass.spark;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.DenseMatrix;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * Scores feature vectors with a Softclass model inside Spark tasks. It travels as the bytes of the
 * model's {@code .softclass} file and is loaded once per executor JVM (cached by content hash), so
 * a task scores exactly as {@code softclass predict} would.
 */
final class RowScorer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Model> LOADED = new ConcurrentHashMap<>();

  private final byte[] file;
  private final String key;
  private transient Model model;

  RowScorer(Model model) {
    this.model = model;
    this.file = bytes(model);
    this.key = ModelBytes.sha256(file);
  }

  Model model() {
    if (model == null) {
      model = LOADED.computeIfAbsent(key, k -> ModelBytes.read(file));
    }
    return model;
  }

  /** The head's logits for one raw feature vector. */
  double[] logits(Vector v) {
    Model m = model();
    if (v == null) {
      throw new SoftclassException("the features column is null; every row needs a feature vector");
    }
    if (v.size() != m.numFeatures()) {
      throw new SoftclassException(
          "a feature vector has " + v.size() + " values, the model expects " + m.numFeatures());
    }
    float[] raw = new float[v.size()];
    if (v instanceof SparseVector s) {
      int[] idx = s.indices();
      double[] val = s.values();
      for (int k = 0; k < idx.length; k++) {
        raw[idx[k]] = (float) val[k];
      }
    } else {
      double[] val = v.toArray();
      for (int j = 0; j < raw.length; j++) {
        raw[j] = (float) val[j];
      }
    }
    for (int j = 0; j < raw.length; j++) {
      if (Float.isInfinite(raw[j])) {
        throw new SoftclassException("feature " + j + " is " + raw[j]);
      }
    }
    float[] encoded = raw;
    if (!m.columns().isIdentity()) {
      encoded = new float[m.columns().outputDim()];
      m.columns().encode(raw, null, encoded, 0);
    }
    float[] x = new float[m.transform().dim()];
    m.transform().applyDense(encoded, 0, x, 0);
    DenseMatrix h = (DenseMatrix) m.body().forward(new DenseMatrix(x, 1, x.length));
    double[] logits = new double[m.outputLayer().outputs()];
    m.outputLayer().logits(h.data(), 0, logits);
    return logits;
  }

  private static byte[] bytes(Model model) {
    return ModelBytes.write(model);
  }
}
