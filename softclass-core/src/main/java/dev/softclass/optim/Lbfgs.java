package dev.softclass.optim;

import dev.softclass.kernel.VectorOps;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, algorithms 7.4 and 7.5) with a
 * line search satisfying the strong Wolfe conditions ({@link WolfeLineSearch}).
 *
 * <p>Stops when the largest gradient component is at most {@code gradientTolerance}, when an
 * iteration lowers the objective by less than {@code relativeTolerance} times its magnitude, or
 * after {@code maxIterations}. Immutable; each {@link #minimize} call keeps its own state.
 *
 * @param memory number of correction pairs kept (scipy and liblbfgs default to 10)
 * @param maxIterations iteration limit
 * @param gradientTolerance stop when {@code max |g_i| <= gradientTolerance}
 * @param relativeTolerance stop when {@code (f_old - f) <= relativeTolerance * max(|f|, |f_old|,
 *     1)}
 */
public record Lbfgs(
    int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {

  /** Validates the settings. */
  public Lbfgs {
    if (memory < 1 || maxIterations < 1 || !(gradientTolerance >= 0) || !(relativeTolerance >= 0)) {
      throw new IllegalArgumentException("invalid L-BFGS settings");
    }
  }

  /**
   * Minimises {@code f} from {@code x0} (not modified).
   *
   * @return the result; {@code converged} is false if the iteration limit was reached
   */
  public OptimizationResult minimize(
      DifferentiableFunction f, double[] x0, IterationCallback callback) {
    int n = f.dimension();
    double[] x = x0.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    int evaluations = 1;
    if (!Double.isFinite(fx)) {
      return new OptimizationResult(x, fx, 0, evaluations, false, "objective not finite at start");
    }
    CorrectionPairs pairs = new CorrectionPairs(memory, n, (sy, yy) -> sy > 1e-12 * yy && yy > 0);
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    WolfeLineSearch lineSearch = new WolfeLineSearch(f, xNew, gNew);

    if (CorrectionPairs.maxAbs(g) <= gradientTolerance) {
      return new OptimizationResult(x, fx, 0, evaluations, true, "gradient below tolerance");
    }
    CorrectionPairs.steepestDescent(g, d);
    double step = CorrectionPairs.steepestDescentStep(g);
    for (int iter = 1; iter <= maxIterations; iter++) {
      double slope = dot(g, d);
      if (!(slope < 0)) {
        // Not a descent direction (curvature pairs went stale): restart from steepest descent.
        pairs.clear();
        CorrectionPairs.steepestDescent(g, d);
        slope = dot(g, d);
        step = CorrectionPairs.steepestDescentStep(g);
      }
      WolfeLineSearch.Result ls = lineSearch.search(x, fx, slope, d, step);
      evaluations += ls.evaluations();
      if (!ls.success()) {
        if (!pairs.isEmpty()) {
          pairs.clear();
          CorrectionPairs.steepestDescent(g, d);
          step = CorrectionPairs.steepestDescentStep(g);
          continue;
        }
        return new OptimizationResult(
            x, fx, iter, evaluations, true, "line search made no further progress");
      }
      double fOld = fx;
      pairs.add(x, xNew, g, gNew);
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = ls.value();
      callback.onIteration(iter, maxIterations, fx);
      if (CorrectionPairs.maxAbs(g) <= gradientTolerance) {
        return new OptimizationResult(x, fx, iter, evaluations, true, "gradient below tolerance");
      }
      if (CorrectionPairs.relativeDecreaseBelow(fOld, fx, relativeTolerance)) {
        return new OptimizationResult(
            x, fx, iter, evaluations, true, "relative decrease below tolerance");
      }
      pairs.direction(g, d);
      step = 1.0;
    }
    return new OptimizationResult(
        x, fx, maxIterations, evaluations, false, "iteration limit reached");
  }

  static double dot(double[] a, double[] b) {
    return VectorOps.dot(a, b);
  }
}
