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
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    int stored = 0;
    int newest = -1;
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    WolfeLineSearch lineSearch = new WolfeLineSearch(f, xNew, gNew);

    if (maxAbs(g) <= gradientTolerance) {
      return new OptimizationResult(x, fx, 0, evaluations, true, "gradient below tolerance");
    }
    for (int i = 0; i < n; i++) {
      d[i] = -g[i];
    }
    double step = 1.0 / Math.max(norm2(g), 1e-12);
    for (int iter = 1; iter <= maxIterations; iter++) {
      double slope = dot(g, d);
      if (!(slope < 0)) {
        // Not a descent direction (curvature pairs went stale): restart from steepest descent.
        stored = 0;
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = dot(g, d);
        step = 1.0 / Math.max(norm2(g), 1e-12);
      }
      WolfeLineSearch.Result ls = lineSearch.search(x, fx, slope, d, step);
      evaluations += ls.evaluations();
      if (!ls.success()) {
        if (stored > 0) {
          stored = 0;
          for (int i = 0; i < n; i++) {
            d[i] = -g[i];
          }
          step = 1.0 / Math.max(norm2(g), 1e-12);
          continue;
        }
        return new OptimizationResult(
            x, fx, iter, evaluations, true, "line search made no further progress");
      }
      double fOld = fx;
      newest = (newest + 1) % memory;
      double sy = 0;
      double yy = 0;
      for (int i = 0; i < n; i++) {
        double si = xNew[i] - x[i];
        double yi = gNew[i] - g[i];
        s[newest][i] = si;
        y[newest][i] = yi;
        sy += si * yi;
        yy += yi * yi;
      }
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = ls.value();
      if (sy > 1e-12 * yy && yy > 0) {
        rho[newest] = 1.0 / sy;
        stored = Math.min(stored + 1, memory);
      } else {
        // Skip a pair without positive curvature; its slot held the oldest pair, now lost.
        newest = (newest - 1 + memory) % memory;
        stored = Math.min(stored, memory - 1);
      }
      callback.onIteration(iter, maxIterations, fx);
      if (maxAbs(g) <= gradientTolerance) {
        return new OptimizationResult(x, fx, iter, evaluations, true, "gradient below tolerance");
      }
      if (fOld - fx <= relativeTolerance * Math.max(Math.max(Math.abs(fx), Math.abs(fOld)), 1)) {
        return new OptimizationResult(
            x, fx, iter, evaluations, true, "relative decrease below tolerance");
      }
      twoLoop(g, d, s, y, rho, alpha, stored, newest, sy, yy);
      step = 1.0;
    }
    return new OptimizationResult(
        x, fx, maxIterations, evaluations, false, "iteration limit reached");
  }

  /** Writes {@code d = -H g} with the L-BFGS inverse Hessian approximation. */
  private void twoLoop(
      double[] g,
      double[] d,
      double[][] s,
      double[][] y,
      double[] rho,
      double[] alpha,
      int stored,
      int newest,
      double sy,
      double yy) {
    int n = g.length;
    for (int i = 0; i < n; i++) {
      d[i] = -g[i];
    }
    int m = s.length;
    for (int j = 0; j < stored; j++) {
      int k = (newest - j + m) % m;
      alpha[k] = rho[k] * dot(s[k], d);
      axpy(-alpha[k], y[k], d);
    }
    double gamma = stored > 0 ? 1.0 / (rho[newest] * dot(y[newest], y[newest])) : 1.0;
    if (!(gamma > 0) || !Double.isFinite(gamma)) {
      gamma = sy > 0 && yy > 0 ? sy / yy : 1.0;
    }
    for (int i = 0; i < n; i++) {
      d[i] *= gamma;
    }
    for (int j = stored - 1; j >= 0; j--) {
      int k = (newest - j + m) % m;
      double beta = rho[k] * dot(y[k], d);
      axpy(alpha[k] - beta, s[k], d);
    }
  }

  static double dot(double[] a, double[] b) {
    return VectorOps.dot(a, b);
  }

  private static void axpy(double a, double[] x, double[] y) {
    VectorOps.axpy(a, x, y);
  }

  private static double norm2(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
