package dev.softclass.optim;

import dev.softclass.kernel.VectorOps;

/**
 * Orthant-wise limited-memory quasi-Newton (OWL-QN; Andrew and Gao, "Scalable training of
 * L1-regularized log-linear models", ICML 2007): minimises {@code f(x) + l1 * sum_{i < p} |x_i|}
 * for a smooth {@code f} and the first {@code p} parameters penalised. Each iteration takes the
 * L-BFGS direction for the pseudo-gradient (the steepest-descent direction of the non-smooth
 * objective), keeps it in the orthant the pseudo-gradient points to, and backtracks along a path
 * projected onto that orthant, so a weight that would cross zero stops at exactly zero. The
 * curvature pairs use the smooth part's gradient only.
 *
 * <p>Stops when the largest pseudo-gradient component is at most {@code gradientTolerance}, when an
 * iteration lowers the objective by less than {@code relativeTolerance} times its magnitude, or
 * after {@code maxIterations}. With {@code l1 = 0} it is L-BFGS with a backtracking line search.
 * Immutable.
 *
 * @param memory number of correction pairs kept
 * @param maxIterations iteration limit
 * @param gradientTolerance stop when {@code max |pseudo-gradient_i| <= gradientTolerance}
 * @param relativeTolerance stop on a relative decrease below it
 */
public record OwlQn(
    int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
  private static final double ARMIJO = 1e-4;
  private static final int MAX_BACKTRACKS = 50;

  /** Validates the settings. */
  public OwlQn {
    if (memory < 1 || maxIterations < 1 || !(gradientTolerance >= 0) || !(relativeTolerance >= 0)) {
      throw new IllegalArgumentException("invalid OWL-QN settings");
    }
  }

  /**
   * Minimises {@code f(x) + l1 * sum_{i < penalised} |x_i|} from {@code x0} (not modified).
   *
   * @param l1 the L1 strength, at least 0
   * @param penalised how many leading parameters carry the penalty (the rest, such as biases, do
   *     not)
   * @return the result; its value includes the L1 term
   */
  public OptimizationResult minimize(
      DifferentiableFunction f, double[] x0, double l1, int penalised, IterationCallback callback) {
    int n = f.dimension();
    double[] x = x0.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g) + l1 * l1Norm(x, penalised);
    int evaluations = 1;
    if (!Double.isFinite(fx)) {
      return new OptimizationResult(x, fx, 0, evaluations, false, "objective not finite at start");
    }
    CorrectionPairs pairs = new CorrectionPairs(memory, n, (sy, yy) -> sy > 1e-12);
    double[] pg = new double[n];
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    pseudoGradient(x, g, l1, penalised, pg);
    for (int iter = 1; iter <= maxIterations; iter++) {
      if (CorrectionPairs.maxAbs(pg) <= gradientTolerance) {
        return new OptimizationResult(
            x, fx, iter - 1, evaluations, true, "gradient below tolerance");
      }
      pairs.direction(pg, d);
      // Keep the direction in the orthant the pseudo-gradient points to.
      for (int i = 0; i < penalised; i++) {
        if (d[i] * pg[i] >= 0) {
          d[i] = 0;
        }
      }
      double slope = VectorOps.dot(pg, d);
      if (!(slope < 0)) {
        pairs.clear();
        CorrectionPairs.steepestDescent(pg, d);
        slope = VectorOps.dot(pg, d);
      }
      double step = pairs.isEmpty() ? CorrectionPairs.steepestDescentStep(pg) : 1.0;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int b = 0; b < MAX_BACKTRACKS; b++) {
        for (int i = 0; i < n; i++) {
          double v = x[i] + step * d[i];
          if (i < penalised) {
            // Project onto the orthant: x's sign, or the sign of -pg where x is 0.
            double orthant = x[i] != 0 ? Math.signum(x[i]) : -Math.signum(pg[i]);
            if (v * orthant <= 0) {
              v = 0;
            }
          }
          xNew[i] = v;
        }
        fNew = f.valueAndGradient(xNew, gNew) + l1 * l1Norm(xNew, penalised);
        evaluations++;
        double decrease = 0;
        for (int i = 0; i < n; i++) {
          decrease += pg[i] * (xNew[i] - x[i]);
        }
        if (Double.isFinite(fNew) && fNew <= fx + ARMIJO * decrease) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        if (!pairs.isEmpty()) {
          pairs.clear(); // stale curvature: retry from the pseudo-gradient
          continue;
        }
        return new OptimizationResult(
            x, fx, iter, evaluations, true, "line search made no further progress");
      }
      pairs.add(x, xNew, g, gNew);
      double fOld = fx;
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      pseudoGradient(x, g, l1, penalised, pg);
      callback.onIteration(iter, maxIterations, fx);
      if (CorrectionPairs.maxAbs(pg) <= gradientTolerance) {
        return new OptimizationResult(x, fx, iter, evaluations, true, "gradient below tolerance");
      }
      if (CorrectionPairs.relativeDecreaseBelow(fOld, fx, relativeTolerance)) {
        return new OptimizationResult(
            x, fx, iter, evaluations, true, "relative decrease below tolerance");
      }
    }
    return new OptimizationResult(
        x, fx, maxIterations, evaluations, false, "iteration limit reached");
  }

  /**
   * The pseudo-gradient: the gradient of {@code f + l1 |x|} where it exists; at {@code x_i = 0} the
   * one-sided derivative that descends, or 0 when neither side does.
   */
  static void pseudoGradient(double[] x, double[] g, double l1, int penalised, double[] pg) {
    for (int i = 0; i < x.length; i++) {
      if (i >= penalised) {
        pg[i] = g[i];
      } else if (x[i] > 0) {
        pg[i] = g[i] + l1;
      } else if (x[i] < 0) {
        pg[i] = g[i] - l1;
      } else if (g[i] + l1 < 0) {
        pg[i] = g[i] + l1;
      } else if (g[i] - l1 > 0) {
        pg[i] = g[i] - l1;
      } else {
        pg[i] = 0;
      }
    }
  }

  private static double l1Norm(double[] x, int penalised) {
    double sum = 0;
    for (int i = 0; i < penalised; i++) {
      sum += Math.abs(x[i]);
    }
    return sum;
  }
}
