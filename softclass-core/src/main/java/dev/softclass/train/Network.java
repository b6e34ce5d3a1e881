package dev.softclass.train;

import dev.softclass.body.Activation;
import dev.softclass.body.Body;
import dev.softclass.body.DenseLayer;
import dev.softclass.body.LinearBody;
import dev.softclass.body.MlpBody;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.head.Head;
import dev.softclass.head.OutputLayer;
import dev.softclass.kernel.VectorOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The trainable parameters of a body of dense layers and a head's output layer, with the forward
 * and backward passes of a block of rows through them. Parameters are float32 tensors in the order
 * {@code W1, b1, ..., WL, bL, Wout, bout}; every {@code W} is {@code units x inputs}, row-major, as
 * in {@link DenseLayer} and {@link OutputLayer}. Each pass works on a whole block with matrix
 * products ({@link VectorOps#gemmTransposedB} forward, {@link VectorOps#gemmTransposedA} and {@link
 * VectorOps#gemm} backward).
 *
 * <p>For sparse input rows, {@link #useSparseLayout} stores the first weight matrix transposed,
 * {@code inputs x stride} with {@code stride} the units rounded up to {@link #SPARSE_PAD} (the
 * padding columns stay zero: their gradient is always zero). Each non-zero then adds its value
 * times one row of it to the pre-activations ({@link VectorOps#sparseRowTimesMatrix(int[], float[],
 * int, int, int, float[], int, float[])}), and its gradient goes to the same row, so the work is
 * proportional to the non-zeros rather than to the input width. The update rules are element-wise,
 * so they do not care about the layout; {@link #body} and {@link #outputLayer} turn it back.
 */
final class Network {
  final int inputs;
  final int[] widths;
  final Activation activation;
  final Head head;
  final float[][] params;

  /** The first layer's sparse layout pads its units to a multiple of this (one 512-bit vector). */
  static final int SPARSE_PAD = 16;

  /** Whether {@code params[0]} is in the sparse layout ({@code inputs x sparseStride}). */
  private boolean sparseLayout;

  private int sparseStride;

  private Network(int inputs, int[] widths, Activation activation, Head head, float[][] params) {
    this.inputs = inputs;
    this.widths = widths;
    this.activation = activation;
    this.head = head;
    this.params = params;
  }

  /** A fresh network with weights drawn from {@code random}; a linear one starts at zero. */
  static Network initial(
      int inputs,
      int[] hidden,
      Activation activation,
      Head head,
      WeightInit init,
      SplittableRandom random) {
    int layers = hidden.length + 1;
    float[][] params = new float[2 * layers][];
    int in = inputs;
    for (int l = 0; l < layers; l++) {
      boolean out = l == hidden.length;
      int units = out ? head.numOutputs() : hidden[l];
      params[2 * l] = new float[units * in];
      params[2 * l + 1] = new float[units];
      // A linear model starts at zero weights, as the linear trainer does: the problem is convex,
      // so no symmetry needs breaking, and a random start would bias a short run (identical rows
      // with contradictory labels would not end at the class frequencies).
      if (!out || hidden.length > 0) {
        init.fill(params[2 * l], in, units, out ? null : activation, random);
      }
      in = units;
    }
    return new Network(inputs, hidden.clone(), activation, head, params);
  }

  /** A network holding a trained body's and output layer's weights (copies). */
  static Network of(int inputs, Body body, Head head, OutputLayer output) {
    List<float[]> p = new ArrayList<>();
    int[] hidden = new int[0];
    Activation activation = Activation.RELU;
    if (body instanceof MlpBody mlp) {
      hidden = mlp.hidden();
      activation = mlp.activation();
      for (DenseLayer layer : mlp.layers()) {
        p.add(layer.weights());
        p.add(layer.bias());
      }
    }
    p.add(output.weights());
    p.add(output.bias());
    return new Network(inputs, hidden, activation, head, p.toArray(new float[0][]));
  }

  int hiddenLayers() {
    return widths.length;
  }

  /** Width of layer {@code l}'s output ({@code l == hiddenLayers()}: the logits). */
  int width(int l) {
    return l == widths.length ? head.numOutputs() : widths[l];
  }

  /** Width of layer {@code l}'s input. */
  int inputWidth(int l) {
    return l == 0 ? inputs : widths[l - 1];
  }

  /** The tensor sizes, in parameter order. */
  int[] sizes() {
    return Arrays.stream(params).mapToInt(a -> a.length).toArray();
  }

  /** Which tensors are weights (decayed), as opposed to biases. */
  boolean[] weightTensors() {
    boolean[] w = new boolean[params.length];
    for (int t = 0; t < w.length; t += 2) {
      w[t] = true;
    }
    return w;
  }

  /**
   * Stores the first weight matrix transposed and padded for sparse rows; call before any workspace
   * or update rule is made, since the tensor's length changes.
   */
  void useSparseLayout() {
    if (sparseLayout) {
      return;
    }
    int units = width(0);
    sparseStride = (units + SPARSE_PAD - 1) / SPARSE_PAD * SPARSE_PAD;
    float[] t = new float[inputs * sparseStride];
    for (int u = 0; u < units; u++) {
      for (int j = 0; j < inputs; j++) {
        t[j * sparseStride + u] = params[0][u * inputs + j];
      }
    }
    params[0] = t;
    sparseLayout = true;
  }

  /** The first weight matrix in the usual {@code units x inputs} layout. */
  private float[] firstWeights() {
    if (!sparseLayout) {
      return params[0];
    }
    int units = width(0);
    float[] w = new float[units * inputs];
    for (int u = 0; u < units; u++) {
      for (int j = 0; j < inputs; j++) {
        w[u * inputs + j] = params[0][j * sparseStride + u];
      }
    }
    return w;
  }

  /** A deep copy of the parameters. */
  float[][] copyParams() {
    float[][] c = new float[params.length][];
    for (int t = 0; t < c.length; t++) {
      c[t] = params[t].clone();
    }
    return c;
  }

  /** Replaces the parameters by {@code saved} (same shapes). */
  void restore(float[][] saved) {
    for (int t = 0; t < saved.length; t++) {
      System.arraycopy(saved[t], 0, params[t], 0, saved[t].length);
    }
  }

  /** The body of the current weights: linear without hidden layers. */
  Body body() {
    if (widths.length == 0) {
      return new LinearBody();
    }
    List<DenseLayer> layers = new ArrayList<>();
    for (int l = 0; l < widths.length; l++) {
      float[] w = l == 0 ? firstWeights() : params[2 * l];
      layers.add(new DenseLayer(widths[l], inputWidth(l), w, params[2 * l + 1]));
    }
    return new MlpBody(inputs, activation, layers);
  }

  /** The output layer of the current weights. */
  OutputLayer outputLayer() {
    int l = widths.length;
    float[] w = l == 0 ? firstWeights() : params[2 * l];
    return new OutputLayer(width(l), inputWidth(l), w, params[2 * l + 1]);
  }

  /**
   * Buffers for passes over at most {@code maxRows} rows, and one gradient per tensor; one per
   * shard, used by one thread at a time.
   */
  final class Workspace {
    final int maxRows;
    final float[] x;
    final float[][] z;
    final float[][] h;
    final float[][] dropped;
    final float[][] mask;
    final float[] delta;
    final float[] deltaBelow;
    final double[] logits;
    final double[] dLogits;
    final float[][] grads;

    /** The gathered rows when the data are sparse: CSR of the block. */
    private boolean sparse;

    private final int[] rowStart;
    private int[] nzIndex = new int[0];
    private float[] nzValue = new float[0];

    /** One row of the sparse layout's width; its padding columns are always zero. */
    private final float[] padded;

    Workspace(int maxRows) {
      rowStart = new int[maxRows + 1];
      padded = sparseLayout ? new float[sparseStride] : null;
      this.maxRows = maxRows;
      int layers = widths.length + 1;
      int widest = head.numOutputs();
      for (int w : widths) {
        widest = Math.max(widest, w);
      }
      x = new float[maxRows * inputs];
      z = new float[layers][];
      h = new float[layers][];
      dropped = new float[layers][];
      mask = new float[layers][];
      for (int l = 0; l < layers; l++) {
        z[l] = new float[maxRows * width(l)];
        h[l] = l < widths.length ? new float[maxRows * width(l)] : null;
      }
      delta = new float[maxRows * widest];
      deltaBelow = new float[maxRows * widest];
      logits = new double[head.numOutputs()];
      dLogits = new double[head.numOutputs()];
      grads = new float[params.length][];
      for (int t = 0; t < grads.length; t++) {
        grads[t] = new float[params[t].length];
      }
    }

    /**
     * Copies rows {@code rows[from..to)} of {@code data} into the input block: dense rows as a
     * dense block, sparse rows as their non-zeros (then the network must be in its sparse layout,
     * see {@link #useSparseLayout}).
     */
    void gather(FeatureMatrix data, int[] rows, int from, int to) {
      int m = to - from;
      if (data instanceof DenseMatrix d) {
        if (sparseLayout) {
          throw new IllegalStateException("dense rows for a network in its sparse layout");
        }
        sparse = false;
        for (int r = 0; r < m; r++) {
          System.arraycopy(d.data(), d.offset(rows[from + r]), x, r * inputs, inputs);
        }
        return;
      }
      if (!sparseLayout) {
        throw new IllegalStateException("sparse rows need the network's sparse layout");
      }
      sparse = true;
      CsrMatrix c = (CsrMatrix) data;
      int[] ptr = c.rowPtr();
      int count = 0;
      for (int r = 0; r < m; r++) {
        int row = rows[from + r];
        count += ptr[row + 1] - ptr[row];
      }
      if (nzIndex.length < count) {
        nzIndex = new int[count];
        nzValue = new float[count];
      }
      int n = 0;
      for (int r = 0; r < m; r++) {
        int row = rows[from + r];
        rowStart[r] = n;
        int len = ptr[row + 1] - ptr[row];
        System.arraycopy(c.indices(), ptr[row], nzIndex, n, len);
        System.arraycopy(c.values(), ptr[row], nzValue, n, len);
        n += len;
      }
      rowStart[m] = n;
    }

    /** Pre-activations of the first layer for sparse rows: bias plus one row per non-zero. */
    private void sparseFirstLayer(int m, int units, float[] bias, float[] out) {
      for (int r = 0; r < m; r++) {
        Arrays.fill(padded, 0f);
        VectorOps.sparseRowTimesMatrix(
            nzIndex,
            nzValue,
            rowStart[r],
            rowStart[r + 1],
            inputs,
            params[0],
            sparseStride,
            padded);
        for (int c = 0; c < units; c++) {
          out[r * units + c] = bias[c] + padded[c];
        }
      }
    }

    /**
     * The forward pass of the {@code m} gathered rows; returns the block the output layer read.
     * With {@code dropout > 0}, hidden units are dropped with masks drawn from {@code random} and
     * the kept ones scaled by {@code 1 / (1 - dropout)}.
     */
    float[] forward(int m, double dropout, SplittableRandom random) {
      float[] in = x;
      int inW = inputs;
      for (int l = 0; l < widths.length; l++) {
        int w = widths[l];
        if (l == 0 && sparse) {
          sparseFirstLayer(m, w, params[1], z[0]);
        } else {
          DenseLayer.affine(in, m, inW, params[2 * l], params[2 * l + 1], w, z[l]);
        }
        activation.forward(z[l], h[l], m * w);
        in = h[l];
        if (dropout > 0) {
          if (dropped[l] == null) {
            dropped[l] = new float[maxRows * w];
            mask[l] = new float[maxRows * w];
          }
          float scale = (float) (1 / (1 - dropout));
          for (int i = 0; i < m * w; i++) {
            mask[l][i] = random.nextDouble() < dropout ? 0f : scale;
            dropped[l][i] = h[l][i] * mask[l][i];
          }
          in = dropped[l];
        }
        inW = w;
      }
      int out = widths.length;
      if (out == 0 && sparse) {
        sparseFirstLayer(m, head.numOutputs(), params[1], z[0]);
      } else {
        DenseLayer.affine(
            in, m, inW, params[2 * out], params[2 * out + 1], head.numOutputs(), z[out]);
      }
      return in;
    }

    /**
     * Forward and backward passes of {@code m} gathered rows ({@code rows[from..from+m)}), each
     * row's loss given by {@code rowLoss} (one class, or a label set): adds the gradient of {@code
     * sum(loss) / batchRows} to {@link #grads} and returns the summed loss.
     */
    double forwardBackward(
        int m,
        RowLoss rowLoss,
        int[] rows,
        int from,
        int batchRows,
        double dropout,
        SplittableRandom random) {
      float[] top = forward(m, dropout, random);
      int out = widths.length;
      int k = head.numOutputs();
      float[] zOut = z[out];
      double loss = 0;
      double scale = 1.0 / batchRows;
      for (int r = 0; r < m; r++) {
        for (int c = 0; c < k; c++) {
          logits[c] = zOut[r * k + c];
        }
        loss += rowLoss.lossAndGradient(rows[from + r], logits, dLogits);
        for (int c = 0; c < k; c++) {
          delta[r * k + c] = (float) (dLogits[c] * scale);
        }
      }
      backward(m, top, dropout);
      return loss;
    }

    /** Backpropagates {@link #delta} (the gradient of the logits) through every layer. */
    private void backward(int m, float[] top, double dropout) {
      float[] d = delta;
      float[] below = deltaBelow;
      for (int l = widths.length; l >= 0; l--) {
        int units = width(l);
        int inW = inputWidth(l);
        float[] in = l == 0 ? x : (dropout > 0 ? dropped[l - 1] : h[l - 1]);
        if (l == 0 && sparse) {
          // The padding columns get delta 0, so their weights stay 0.
          for (int r = 0; r < m; r++) {
            System.arraycopy(d, r * units, padded, 0, units);
            VectorOps.sparseOuterAdd(
                nzIndex,
                nzValue,
                rowStart[r],
                rowStart[r + 1],
                inputs,
                padded,
                sparseStride,
                grads[0]);
          }
        } else {
          VectorOps.gemmTransposedA(d, m, units, in, inW, grads[2 * l]);
        }
        float[] gb = grads[2 * l + 1];
        for (int r = 0; r < m; r++) {
          for (int c = 0; c < units; c++) {
            gb[c] += d[r * units + c];
          }
        }
        if (l == 0) {
          break;
        }
        Arrays.fill(below, 0, m * inW, 0f);
        VectorOps.gemm(d, m, units, params[2 * l], inW, below);
        if (dropout > 0) {
          // Dropped units pass no gradient; kept ones were scaled by 1 / (1 - p).
          float[] kept = mask[l - 1];
          for (int i = 0; i < m * inW; i++) {
            below[i] *= kept[i];
          }
        }
        activation.backward(z[l - 1], h[l - 1], below, m * inW);
        float[] t = d;
        d = below;
        below = t;
      }
    }

    /** Sets every gradient to zero. */
    void clearGradients() {
      for (float[] g : grads) {
        Arrays.fill(g, 0f);
      }
    }
  }
}
