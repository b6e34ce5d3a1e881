package dev.softclass.text;

import dev.softclass.SoftclassException;
import dev.softclass.data.TextData;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.head.SgdHead;
import dev.softclass.kernel.VectorOps;
import java.util.SplittableRandom;

/**
 * Temperature scaling of a text model (Guo et al., 2017), fitted on held-out labelled text: the
 * temperature {@code T} minimising the mean log loss of the model's probabilities computed from
 * {@code logits / T}. Every head is covered, each by the probabilities it reports:
 *
 * <ul>
 *   <li>softmax, sampled softmax, negative sampling with {@code --ns-softmax}: a softmax over the
 *       scaled logits (the loss is convex in {@code 1 / T}, and the most probable class never
 *       changes);
 *   <li>negative sampling and one-vs-all with sigmoid scores: the scaled sigmoids divided by their
 *       sum, as evaluation normalises them (the ranking of classes never changes);
 *   <li>hierarchical softmax: every inner node's score scaled, so the probabilities stay exactly
 *       normalised (the loss is convex in {@code 1 / T}); the most probable class can change, as
 *       scaling reweighs the factors along different paths.
 * </ul>
 *
 * The search is over {@code log10(1 / T)} in [-3, 3]: a grid of step 0.05, then golden-section
 * refinement around the best grid point. Lines whose label the model never saw are left out (their
 * probability is 0 at any temperature). When the lines times the classes exceed {@link
 * #MAX_STORED_LOGITS}, a seeded sample of lines of that size is used (and reported).
 */
public final class TextTemperature {
  /** The most logits held in memory while fitting (32 MB of floats). */
  public static final int MAX_STORED_LOGITS = 8_000_000;

  private static final double MIN_LOG10_BETA = -3;
  private static final double MAX_LOG10_BETA = 3;
  private static final double GRID_STEP = 0.05;

  private TextTemperature() {}

  /**
   * The outcome of a fit.
   *
   * @param temperature the fitted {@code T}
   * @param lines labelled lines given
   * @param linesUsed lines the temperature was fitted on (seen labels, sampled if too many)
   * @param logLossBefore mean log loss of the used lines at {@code T = 1}
   * @param logLossAfter mean log loss of the used lines at the fitted {@code T}
   */
  public record Fit(
      double temperature, int lines, int linesUsed, double logLossBefore, double logLossAfter) {}

  /**
   * Fits the temperature of {@code model}'s uncalibrated probabilities (any temperature it already
   * carries is ignored, so calibrating again replaces an earlier calibration).
   *
   * @param heldOut labelled text the model was not trained on
   * @param seed seeds the sample of lines when there are too many to hold
   * @throws SoftclassException if no line has a label the model knows, or a line has no or several
   *     labels
   */
  public static Fit fit(TextModel model, TextData heldOut, long seed) {
    int[] y = heldOut.singleLabels();
    int[] lines = usableLines(model, heldOut, y, seed);
    Objective objective = objective(model, heldOut, y, lines);
    double best = 0;
    double bestLoss = objective.loss(1);
    double before = bestLoss;
    for (double u = MIN_LOG10_BETA; u <= MAX_LOG10_BETA + 1e-9; u += GRID_STEP) {
      double loss = objective.loss(Math.pow(10, u));
      if (loss < bestLoss) {
        bestLoss = loss;
        best = u;
      }
    }
    double u = goldenSection(objective, best - GRID_STEP, best + GRID_STEP);
    double beta = Math.pow(10, u);
    double after = objective.loss(beta);
    if (!(after <= bestLoss)) {
      beta = Math.pow(10, best);
      after = bestLoss;
    }
    return new Fit(1 / beta, y.length, lines.length, before, after);
  }

  static int[] usableLines(TextModel model, TextData data, int[] y, long seed) {
    int n = 0;
    int[] seen = new int[y.length];
    for (int r = 0; r < y.length; r++) {
      if (model.encoder().indexOf(data.encoder().name(y[r])) >= 0) {
        seen[n++] = r;
      }
    }
    if (n == 0) {
      throw new SoftclassException(
          "calibration needs held-out lines whose labels the model was trained on; none of the "
              + y.length
              + " lines has one");
    }
    int perLine = model.head() instanceof HierarchicalSoftmaxHead ? 1 : model.head().numClasses();
    int limit = Math.max(1, MAX_STORED_LOGITS / perLine);
    SplittableRandom random = new SplittableRandom(seed);
    if (n > limit) {
      for (int i = 0; i < limit; i++) {
        int j = i + random.nextInt(n - i);
        int t = seen[i];
        seen[i] = seen[j];
        seen[j] = t;
      }
      n = limit;
      java.util.Arrays.sort(seen, 0, n);
    }
    return java.util.Arrays.copyOf(seen, n);
  }

  /** Minimises over {@code log10 beta} in [lo, hi] by golden-section search. */
  private static double goldenSection(Objective f, double lo, double hi) {
    double g = (Math.sqrt(5) - 1) / 2;
    double a = hi - g * (hi - lo);
    double b = lo + g * (hi - lo);
    double fa = f.loss(Math.pow(10, a));
    double fb = f.loss(Math.pow(10, b));
    for (int i = 0; i < 60 && hi - lo > 1e-10; i++) {
      if (fa <= fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - g * (hi - lo);
        fa = f.loss(Math.pow(10, a));
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + g * (hi - lo);
        fb = f.loss(Math.pow(10, b));
      }
    }
    return (lo + hi) / 2;
  }

  /** The mean log loss of the chosen lines as a function of {@code beta = 1 / T}. */
  private interface Objective {
    double loss(double beta);
  }

  private static Objective objective(TextModel model, TextData data, int[] y, int[] lines) {
    SgdHead head = model.head();
    float[] out = model.output();
    int dim = model.body().dim();
    float[] hidden = new float[dim];
    float[][] values = new float[lines.length][];
    int[] labels = new int[lines.length];
    for (int i = 0; i < lines.length; i++) {
      int r = lines[i];
      int label = model.encoder().indexOf(data.encoder().name(y[r]));
      int[] ids = model.features().features(data.texts().get(r));
      model.body().hidden(ids, 0, ids.length, hidden);
      if (head instanceof HierarchicalSoftmaxHead hs) {
        int[] rows = hs.pathRows(label);
        boolean[] right = hs.pathRight(label);
        float[] v = new float[rows.length];
        for (int j = 0; j < rows.length; j++) {
          double z = VectorOps.dot(hidden, 0, out, rows[j] * dim, dim);
          v[j] = (float) (right[j] ? z : -z);
        }
        values[i] = v;
      } else {
        float[] z = new float[head.numClasses()];
        for (int k = 0; k < z.length; k++) {
          z[k] = (float) VectorOps.dot(hidden, 0, out, k * dim, dim);
        }
        values[i] = z;
        labels[i] = label;
      }
    }
    if (head instanceof HierarchicalSoftmaxHead) {
      return beta -> mean(values, v -> pathLoss(v, beta));
    }
    if (head.sumsToOne()) {
      return beta -> meanLabelled(values, labels, (z, c) -> softmaxLoss(z, c, beta));
    }
    return beta -> meanLabelled(values, labels, (z, c) -> normalisedSigmoidLoss(z, c, beta));
  }

  private interface RowLoss {
    double loss(float[] values);
  }

  private interface LabelledRowLoss {
    double loss(float[] values, int label);
  }

  private static double mean(float[][] rows, RowLoss f) {
    double sum = 0;
    for (float[] r : rows) {
      sum += f.loss(r);
    }
    return sum / rows.length;
  }

  private static double meanLabelled(float[][] rows, int[] labels, LabelledRowLoss f) {
    double sum = 0;
    for (int i = 0; i < rows.length; i++) {
      sum += f.loss(rows[i], labels[i]);
    }
    return sum / rows.length;
  }

  /** {@code -sum log sigmoid(beta * v)} over the signed node scores of the label's path. */
  static double pathLoss(float[] signedScores, double beta) {
    double loss = 0;
    for (float v : signedScores) {
      loss -= logSigmoid(beta * v);
    }
    return loss;
  }

  /** {@code -log softmax(beta * z)[label]}. */
  static double softmaxLoss(float[] z, int label, double beta) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, beta * v);
    }
    double sum = 0;
    for (float v : z) {
      sum += Math.exp(beta * v - max);
    }
    return max + Math.log(sum) - beta * z[label];
  }

  /**
   * {@code -log(sigmoid(beta * z[label]) / sum_k sigmoid(beta * z[k]))}, summed in log space: at a
   * large {@code beta} every sigmoid of a negative logit underflows to 0.
   */
  static double normalisedSigmoidLoss(float[] z, int label, double beta) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, logSigmoid(beta * v));
    }
    double sum = 0;
    for (float v : z) {
      sum += Math.exp(logSigmoid(beta * v) - max);
    }
    return max + Math.log(sum) - logSigmoid(beta * z[label]);
  }

  private static double logSigmoid(double x) {
    return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
  }
}
