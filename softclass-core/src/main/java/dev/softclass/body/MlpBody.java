package dev.softclass.body;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A multilayer perceptron body: dense hidden layers, each followed by the same activation. The
 * head's output layer reads the last hidden layer. Dropout acts only in training, so it is not part
 * of the trained body. Immutable and thread-safe.
 */
public final class MlpBody implements Body {
  /** Rows pushed through the layers at once when predicting. */
  private static final int CHUNK = 256;

  private final int inputs;
  private final Activation activation;
  private final List<DenseLayer> layers;

  /**
   * @param inputs number of (preprocessed) input features
   * @param activation the activation after every hidden layer
   * @param layers the hidden layers, first to last; each reads the previous one's units
   * @throws IllegalArgumentException if there is no layer or the widths do not chain
   */
  public MlpBody(int inputs, Activation activation, List<DenseLayer> layers) {
    this.inputs = inputs;
    this.activation = Objects.requireNonNull(activation);
    this.layers = List.copyOf(layers);
    if (this.layers.isEmpty()) {
      throw new IllegalArgumentException("an MLP body needs at least one hidden layer");
    }
    int width = inputs;
    for (DenseLayer layer : this.layers) {
      if (layer.inputs() != width) {
        throw new IllegalArgumentException(
            "hidden layer reads " + layer.inputs() + " values, the previous one gives " + width);
      }
      width = layer.outputs();
    }
  }

  @Override
  public String name() {
    return "mlp";
  }

  /** Units of the last hidden layer. */
  @Override
  public int outputDim(int inputDim) {
    if (inputDim != inputs) {
      throw new IllegalArgumentException("this MLP reads " + inputs + " features, not " + inputDim);
    }
    return layers.get(layers.size() - 1).outputs();
  }

  /** Number of input features. */
  public int inputs() {
    return inputs;
  }

  /** The activation of the hidden layers. */
  public Activation activation() {
    return activation;
  }

  /** The hidden layers, first to last. */
  public List<DenseLayer> layers() {
    return layers;
  }

  /** Units per hidden layer, first to last. */
  public int[] hidden() {
    return layers.stream().mapToInt(DenseLayer::outputs).toArray();
  }

  /** The last hidden layer's activations, computed in chunks of rows (sparse rows densified). */
  @Override
  public DenseMatrix forward(FeatureMatrix x) {
    if (x.cols() != inputs) {
      throw new IllegalArgumentException(
          "this MLP reads " + inputs + " features, the rows have " + x.cols());
    }
    int rows = x.rows();
    int widest = Arrays.stream(hidden()).max().orElse(0);
    int width = outputDim(inputs);
    float[] out = new float[rows * width];
    int chunk = Math.min(CHUNK, Math.max(rows, 1));
    float[] in = new float[chunk * inputs];
    float[] z = new float[chunk * widest];
    float[] h0 = new float[chunk * widest];
    float[] h1 = new float[chunk * widest];
    for (int from = 0; from < rows; from += CHUNK) {
      int n = Math.min(CHUNK, rows - from);
      float[] cur = denseRows(x, from, n, in);
      for (DenseLayer layer : layers) {
        layer.forward(cur, n, z);
        float[] next = cur == h0 ? h1 : h0;
        activation.forward(z, next, n * layer.outputs());
        cur = next;
      }
      System.arraycopy(cur, 0, out, from * width, n * width);
    }
    return new DenseMatrix(out, rows, width);
  }

  /** Rows {@code [from, from + n)} of {@code x} as a dense row-major block. */
  private float[] denseRows(FeatureMatrix x, int from, int n, float[] buffer) {
    if (x instanceof DenseMatrix m) {
      if (from == 0 && n == m.rows() && m.offset(0) == 0) {
        return m.data();
      }
      System.arraycopy(m.data(), m.offset(from), buffer, 0, n * inputs);
      return buffer;
    }
    CsrMatrix m = (CsrMatrix) x;
    Arrays.fill(buffer, 0, n * inputs, 0f);
    int[] ptr = m.rowPtr();
    int[] idx = m.indices();
    float[] val = m.values();
    for (int r = 0; r < n; r++) {
      for (int k = ptr[from + r]; k < ptr[from + r + 1]; k++) {
        buffer[r * inputs + idx[k]] = val[k];
      }
    }
    return buffer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpBody other
        && inputs == other.inputs
        && activation == other.activation
        && layers.equals(other.layers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputs, activation, layers);
  }
}
