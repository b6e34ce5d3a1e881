package dev.softclass.text;

import dev.softclass.SoftclassException;
import dev.softclass.data.TextData;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.head.SgdHead;
import dev.softclass.kernel.VectorOps;
import dev.softclass.optim.DifferentiableFunction;
import dev.softclass.optim.IterationCallback;
import dev.softclass.optim.Lbfgs;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Temperature and class-bias calibration of a text model, fitted on held-out labelled text: the
 * probabilities become {@code softmax(z / T + b)}, with one temperature {@code T} and one bias
 * {@code b_k} per class (Guo et al. 2017's vector scaling with a shared scale), fitted by
 * minimising the mean log loss of the held-out lines plus {@code l2 / 2 * |b|^2}. The objective is
 * convex in {@code (1 / T, b)}, and is minimised by L-BFGS from {@code T = 1, b = 0}.
 *
 * <p>Why a bias: negative sampling fits each class's logit only up to an offset of its own. At the
 * fixed point of its binary loss, with {@code neg} negatives per line drawn from {@code Q} (draws
 * of the label rejected), the odds {@code exp(z_k)} are {@code p_k} over the rate at which {@code
 * k} is drawn as a negative, which gives {@code p_k} proportional to {@code e_k / (1 + e_k / (1 -
 * Q(k)))} with {@code e_k = neg Q(k) exp(z_k)} (to first order in {@code e_k}: {@code exp(z_k)
 * Q(k)}, the log-Q correction). Trained models are far from that fixed point: on udhr_langid (447
 * classes, 10 epochs) both readings give a worse log loss than a plain softmax over the logits
 * (0.91 and 0.87 against 0.84): each class's offset also depends on how far SGD got for it. A
 * per-class bias estimated on held-out data takes the offsets from the data instead (there: 0.68 at
 * {@code --neg 50}, 0.62 at {@code --neg 100}). The biases it finds there are not a function of
 * class frequency (correlation with the log class count below 0.1), and the full softmax, with no
 * sampling at all, gains as much from them (0.71 with a temperature, 0.61 with temperature and
 * bias): they correct class-specific over- and under-confidence, and give the bias-free text heads
 * (fastText's) a class prior.
 *
 * <p>The strength {@code l2} is chosen from {@link #L2_GRID} by {@link #FOLDS}-fold
 * cross-validation on the held-out lines (seeded folds; each fold's fits go from the strongest
 * penalty to the weakest, each starting from the previous solution), then the parameters are
 * refitted on all of them. Lines whose label the model never saw are left out; too many lines are
 * sampled as in {@link TextTemperature}. Only for heads whose probabilities are a softmax over one
 * logit per class ({@link #applies}).
 */
public final class TextBiasCalibration {
  /** The L2 strengths tried, weakest first. */
  static final double[] L2_GRID = {1e-5, 1e-4, 1e-3, 1e-2};

  /** Cross-validation folds used to choose the L2 strength. */
  static final int FOLDS = 5;

  /**
   * L-BFGS stops when every component of the gradient in the scaled parameters ({@link #minimise})
   * is at most this. A parameter's distance from the minimum is then about this over the square
   * root of its curvature, which is at least {@code l2}: below {@code 4e-5} for the weakest L2 of
   * {@link #L2_GRID}, and far below it for the temperature and the bias of any class with lines.
   */
  static final double SCALED_GRADIENT_TOLERANCE = 1e-7;

  /** Curvatures at most this are not scaled by (a parameter the lines do not determine). */
  private static final double MIN_CURVATURE = 1e-12;

  private static final Lbfgs LBFGS = new Lbfgs(10, 1000, SCALED_GRADIENT_TOLERANCE, 0);

  private TextBiasCalibration() {}

  /**
   * The outcome of a fit.
   *
   * @param temperature the fitted {@code T}
   * @param bias the fitted bias of each class
   * @param l2 the L2 strength chosen by cross-validation
   * @param lines labelled lines given
   * @param linesUsed lines the parameters were fitted on
   * @param logLossBefore mean log loss of the used lines uncalibrated
   * @param logLossAfter mean log loss of the used lines calibrated (in-sample)
   */
  public record Fit(
      double temperature,
      double[] bias,
      double l2,
      int lines,
      int linesUsed,
      double logLossBefore,
      double logLossAfter) {}

  /**
   * Whether a head's probabilities are a softmax over one logit per class (softmax, sampled
   * softmax, negative sampling with {@code --ns-softmax}), which a class bias can shift.
   */
  public static boolean applies(SgdHead head) {
    return head.sumsToOne() && !(head instanceof HierarchicalSoftmaxHead);
  }

  /**
   * Fits the temperature and class bias of {@code model}'s uncalibrated logits (any calibration it
   * carries is ignored).
   *
   * @param heldOut labelled text the model was not trained on
   * @param seed seeds the folds and the sample of lines when there are too many
   * @throws SoftclassException if the head's probabilities are not a softmax over per-class logits,
   *     or no line has a label the model knows
   */
  public static Fit fit(TextModel model, TextData heldOut, long seed) {
    SgdHead head = model.head();
    if (!applies(head)) {
      throw new SoftclassException(
          "temperature-bias calibration needs a softmax over one logit per class (--loss softmax,"
              + " sampled, or ns/ova with --ns-softmax); this model's "
              + head.name()
              + " head gives "
              + model.probabilityKind()
              + " probabilities: use --method temperature");
    }
    int[] y = heldOut.singleLabels();
    int[] lines = TextTemperature.usableLines(model, heldOut, y, seed);
    int dim = model.body().dim();
    float[] out = model.output();
    float[] hidden = new float[dim];
    float[][] logits = new float[lines.length][head.numClasses()];
    int[] labels = new int[lines.length];
    for (int i = 0; i < lines.length; i++) {
      int r = lines[i];
      labels[i] = model.encoder().indexOf(heldOut.encoder().name(y[r]));
      int[] ids = model.features().features(heldOut.texts().get(r));
      model.body().hidden(ids, 0, ids.length, hidden);
      for (int k = 0; k < head.numClasses(); k++) {
        logits[i][k] = (float) VectorOps.dot(hidden, 0, out, k * dim, dim);
      }
    }
    Fit f = fit(logits, labels, head.numClasses(), seed);
    return new Fit(
        f.temperature, f.bias, f.l2, y.length, lines.length, f.logLossBefore, f.logLossAfter);
  }

  /**
   * Fits on logits: chooses the L2 strength by cross-validation, then refits on every line.
   *
   * <p>The folds are fitted in parallel ({@link #foldSolutions}); their held-out losses are added
   * in fold order, so the choice does not depend on the threads. The refit starts from the mean of
   * the folds' solutions at the chosen strength.
   *
   * @param logits one row of {@code numClasses} logits per line
   * @param labels each line's class
   */
  static Fit fit(float[][] logits, int[] labels, int numClasses, long seed) {
    int n = logits.length;
    int[] fold = new int[n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      fold[i] = i % FOLDS;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = fold[i];
      fold[i] = fold[j];
      fold[j] = t;
    }
    int best = L2_GRID.length - 1;
    double[] start = null;
    if (n >= 2 * FOLDS) {
      double[][][] solutions = foldSolutions(logits, labels, fold, numClasses);
      Objective[] heldOut = new Objective[FOLDS];
      for (int f = 0; f < FOLDS; f++) {
        heldOut[f] = new Objective(logits, labels, selected(fold, f, true), numClasses, 0);
      }
      double bestLoss = Double.POSITIVE_INFINITY;
      for (int i = L2_GRID.length - 1; i >= 0; i--) {
        double loss = 0;
        for (int f = 0; f < FOLDS; f++) {
          loss += heldOut[f].loss(solutions[f][i]);
        }
        if (loss < bestLoss) {
          bestLoss = loss;
          best = i;
        }
      }
      start = new double[numClasses + 1];
      for (int f = 0; f < FOLDS; f++) {
        VectorOps.axpy(1.0 / FOLDS, solutions[f][best], start);
      }
    }
    int[] all = IntStream.range(0, n).toArray();
    double[] x = minimise(logits, labels, all, numClasses, L2_GRID[best], start);
    Objective plain = new Objective(logits, labels, all, numClasses, 0);
    double[] identity = new double[numClasses + 1];
    identity[0] = 1;
    return new Fit(
        1 / x[0],
        Arrays.copyOfRange(x, 1, x.length),
        L2_GRID[best],
        n,
        n,
        plain.loss(identity),
        plain.loss(x));
  }

  /**
   * Each fold's solution at each L2 strength of {@link #L2_GRID}, fitted on the other folds' lines
   * (strongest penalty first, each from the previous solution). The folds run in parallel: they are
   * independent, and each gives the same solutions on any thread.
   */
  private static double[][][] foldSolutions(
      float[][] logits, int[] labels, int[] fold, int numClasses) {
    double[][][] solutions = new double[FOLDS][L2_GRID.length][];
    RuntimeException[] failures = new RuntimeException[FOLDS];
    IntStream.range(0, FOLDS)
        .parallel()
        .forEach(
            f -> {
              try {
                int[] train = selected(fold, f, false);
                double[] x = null;
                for (int i = L2_GRID.length - 1; i >= 0; i--) {
                  x = minimise(logits, labels, train, numClasses, L2_GRID[i], x);
                  solutions[f][i] = x;
                }
              } catch (RuntimeException e) {
                failures[f] = e;
              }
            });
    for (RuntimeException failure : failures) {
      if (failure != null) {
        throw failure;
      }
    }
    return solutions;
  }

  /** The lines of fold {@code f} ({@code in}) or of every other fold. */
  private static int[] selected(int[] fold, int f, boolean in) {
    return IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == in).toArray();
  }

  /**
   * {@code (1 / T, b_0 .. b_{K-1})} minimising the penalised loss of the given lines, from {@code
   * start} (null: {@code T = 1, b = 0}).
   *
   * <p>L-BFGS runs on the parameters scaled by the square root of the objective's curvature along
   * each of them at the start ({@link Rescaled}): the bias of a class with few lines is weakly
   * determined (curvature near {@code l2}) next to that of a frequent class or the temperature, and
   * unscaled, L-BFGS needs hundreds of iterations to move it. The minimum is the same (the
   * objective is convex); the fit stops when every scaled gradient component is below {@link
   * #SCALED_GRADIENT_TOLERANCE}.
   */
  static double[] minimise(
      float[][] logits, int[] labels, int[] rows, int numClasses, double l2, double[] start) {
    double[] x0 = start;
    if (x0 == null) {
      x0 = new double[numClasses + 1];
      x0[0] = 1;
    }
    Objective objective = new Objective(logits, labels, rows, numClasses, l2);
    double[] curvature = new double[numClasses + 1];
    objective.valueGradientAndCurvature(x0, new double[numClasses + 1], curvature);
    Rescaled rescaled = new Rescaled(objective, curvature);
    double[] x =
        rescaled.toX(LBFGS.minimize(rescaled, rescaled.toU(x0), IterationCallback.NONE).x());
    if (!(x[0] > 0)) {
      throw new SoftclassException(
          "temperature-bias calibration found no positive temperature: the held-out lines are"
              + " ranked better by reversed scores, which a calibration cannot mend");
    }
    return x;
  }

  /**
   * An objective in the variables {@code u_i = s_i x_i}, {@code s_i} the square root of the
   * curvature {@code d^2 f / dx_i^2} at the start (1 where that is not positive): a diagonal
   * preconditioner for L-BFGS.
   */
  private static final class Rescaled implements DifferentiableFunction {
    private final DifferentiableFunction f;
    private final double[] scale;
    private final double[] x;

    Rescaled(DifferentiableFunction f, double[] curvature) {
      this.f = f;
      this.scale = new double[curvature.length];
      for (int i = 0; i < scale.length; i++) {
        double c = curvature[i];
        scale[i] = c > MIN_CURVATURE && Double.isFinite(c) ? Math.sqrt(c) : 1;
      }
      this.x = new double[scale.length];
    }

    @Override
    public int dimension() {
      return scale.length;
    }

    double[] toU(double[] x) {
      double[] u = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        u[i] = x[i] * scale[i];
      }
      return u;
    }

    double[] toX(double[] u) {
      double[] x = new double[u.length];
      for (int i = 0; i < u.length; i++) {
        x[i] = u[i] / scale[i];
      }
      return x;
    }

    @Override
    public double valueAndGradient(double[] u, double[] gradient) {
      for (int i = 0; i < u.length; i++) {
        x[i] = u[i] / scale[i];
      }
      double value = f.valueAndGradient(x, gradient);
      for (int i = 0; i < u.length; i++) {
        gradient[i] /= scale[i];
      }
      return value;
    }
  }

  /**
   * The mean log loss of {@code softmax(beta * z + b)} over the chosen lines plus {@code l2 / 2 *
   * |b|^2}, as a function of {@code x = (beta, b)}. Not thread-safe (one scratch row).
   */
  static final class Objective implements DifferentiableFunction {
    private final float[][] logits;
    private final int[] labels;
    private final int[] rows;
    private final int numClasses;
    private final double l2;
    private final double[] row;

    Objective(float[][] logits, int[] labels, int[] rows, int numClasses, double l2) {
      this.logits = logits;
      this.labels = labels;
      this.rows = rows;
      this.numClasses = numClasses;
      this.l2 = l2;
      this.row = new double[numClasses];
    }

    @Override
    public int dimension() {
      return numClasses + 1;
    }

    double loss(double[] x) {
      return valueAndGradient(x, new double[numClasses + 1]);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
      return valueGradientAndCurvature(x, gradient, null);
    }

    /**
     * The value and gradient, and with {@code curvature} not null the diagonal of the Hessian:
     * {@code mean(var_p(z))} for {@code beta}, {@code mean(p_k (1 - p_k)) + l2} for {@code b_k}.
     * One pass over the lines: each line's log-sum-exp is taken stably (its largest term first).
     */
    double valueGradientAndCurvature(double[] x, double[] gradient, double[] curvature) {
      Arrays.fill(gradient, 0);
      if (curvature != null) {
        Arrays.fill(curvature, 0);
      }
      double beta = x[0];
      double[] a = row;
      double loss = 0;
      double slope = 0;
      for (int r : rows) {
        float[] z = logits[r];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < numClasses; k++) {
          double v = beta * z[k] + x[k + 1];
          a[k] = v;
          max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < numClasses; k++) {
          double e = Math.exp(a[k] - max);
          a[k] = e;
          sum += e;
        }
        int y = labels[r];
        loss += max + Math.log(sum) - beta * z[y] - x[y + 1];
        double inv = 1 / sum;
        double meanZ = 0;
        for (int k = 0; k < numClasses; k++) {
          double p = a[k] * inv;
          a[k] = p;
          meanZ += p * z[k];
          gradient[k + 1] += p;
        }
        slope += meanZ - z[y];
        gradient[y + 1] -= 1;
        if (curvature != null) {
          double varZ = 0;
          for (int k = 0; k < numClasses; k++) {
            double p = a[k];
            double d = z[k] - meanZ;
            varZ += p * d * d;
            curvature[k + 1] += p * (1 - p);
          }
          curvature[0] += varZ;
        }
      }
      gradient[0] = slope;
      double scale = 1.0 / rows.length;
      loss *= scale;
      for (int i = 0; i <= numClasses; i++) {
        gradient[i] *= scale;
      }
      for (int k = 0; k < numClasses; k++) {
        loss += l2 / 2 * x[k + 1] * x[k + 1];
        gradient[k + 1] += l2 * x[k + 1];
      }
      if (curvature != null) {
        curvature[0] *= scale;
        for (int k = 1; k <= numClasses; k++) {
          curvature[k] = curvature[k] * scale + l2;
        }
      }
      return loss;
    }
  }
}
