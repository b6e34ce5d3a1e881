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
 */
final class Network {
  final int inputs;
  final int[] widths;
  final Activation activation;
  final Head head;
  final float[][] params;

  private Network(int inputs, int[] widths, Activation activation, Head head, float[][] params) {
    this.inputs = inputs;
    this.widths = widths;
    this.activation = activation;
    this.head = head;
    this.params = params;
  }

  /** A fresh network with weights drawn from {@code random}. */
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
      init.fill(params[2 * l], in, units, out ? null : activation, random);
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
      layers.add(new DenseLayer(widths[l], inputWidth(l), params[2 * l], params[2 * l + 1]));
    }
    return new MlpBody(inputs, activation, layers);
  }

  /** The output layer of the current weights. */
  OutputLayer outputLayer() {
    int l = widths.length;
    return new OutputLayer(width(l), inputWidth(l), params[2 * l], params[2 * l + 1]);
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

    Workspace(int maxRows) {
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

    /** Copies rows {@code rows[from..to)} of {@code data} into the dense input block. */
    void gather(FeatureMatrix data, int[] rows, int from, int to) {
      int m = to - from;
      if (data instanceof DenseMatrix d) {
        for (int r = 0; r < m; r++) {
          System.arraycopy(d.data(), d.offset(rows[from + r]), x, r * inputs, inputs);
        }
        return;
      }
      CsrMatrix c = (CsrMatrix) data;
      Arrays.fill(x, 0, m * inputs, 0f);
      int[] ptr = c.rowPtr();
      int[] idx = c.indices();
      float[] val = c.values();
      for (int r = 0; r < m; r++) {
        int row = rows[from + r];
        for (int k = ptr[row]; k < ptr[row + 1]; k++) {
          x[r * inputs + idx[k]] = val[k];
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
        DenseLayer.affine(in, m, inW, params[2 * l], params[2 * l + 1], w, z[l]);
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
      DenseLayer.affine(
          in, m, inW, params[2 * out], params[2 * out + 1], head.numOutputs(), z[out]);
      return in;
    }

    /**
     * Forward and backward passes of {@code m} gathered rows with the given labels: adds the
     * gradient of {@code sum(loss) / batchRows} to {@link #grads} and returns the summed loss.
     */
    double forwardBackward(
        int m,
        int[] labels,
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
        loss += head.lossAndGradient(logits, labels[rows[from + r]], dLogits);
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
        VectorOps.gemmTransposedA(d, m, units, in, inW, grads[2 * l]);
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
