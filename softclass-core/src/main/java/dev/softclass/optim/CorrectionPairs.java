package dev.softclass.optim;

import dev.softclass.kernel.VectorOps;

/**
 * The limited-memory history that L-BFGS and OWL-QN share: the last {@code memory} correction pairs
 * {@code s = x_new - x}, {@code y = g_new - g} in a ring, and the two-loop recursion (Nocedal and
 * Wright, algorithm 7.4) that turns a gradient into the quasi-Newton direction {@code -H g}. Not
 * thread-safe: one per optimisation.
 */
final class CorrectionPairs {
  /**
   * Whether a new pair, with {@code sy = s.y} and {@code yy = y.y}, has enough curvature to keep.
   */
  @FunctionalInterface
  interface CurvatureTest {
    boolean keep(double sy, double yy);
  }

  private final double[][] s;
  private final double[][] y;
  private final double[] rho;
  private final double[] alpha;
  private final CurvatureTest curvature;
  private int stored;
  private int newest = -1;
  private double lastSy;
  private double lastYy;

  /**
   * @param memory how many pairs are kept
   * @param n the dimension
   * @param curvature which pairs are kept (the others are skipped)
   */
  CorrectionPairs(int memory, int n, CurvatureTest curvature) {
    this.s = new double[memory][n];
    this.y = new double[memory][n];
    this.rho = new double[memory];
    this.alpha = new double[memory];
    this.curvature = curvature;
  }

  /** Whether no pair is kept (the direction is then the steepest descent). */
  boolean isEmpty() {
    return stored == 0;
  }

  /** Forgets every pair (stale curvature: the next direction is the steepest descent). */
  void clear() {
    stored = 0;
  }

  /**
   * Offers the pair from the step {@code x -> xNew} with gradients {@code g -> gNew}; it is kept
   * (dropping the oldest when full) if the curvature test passes, else skipped. A skipped pair's
   * slot held the oldest pair, which is lost either way.
   */
  void add(double[] x, double[] xNew, double[] g, double[] gNew) {
    int m = s.length;
    newest = (newest + 1) % m;
    double sy = 0;
    double yy = 0;
    for (int i = 0; i < x.length; i++) {
      double si = xNew[i] - x[i];
      double yi = gNew[i] - g[i];
      s[newest][i] = si;
      y[newest][i] = yi;
      sy += si * yi;
      yy += yi * yi;
    }
    lastSy = sy;
    lastYy = yy;
    if (curvature.keep(sy, yy)) {
      rho[newest] = 1.0 / sy;
      stored = Math.min(stored + 1, m);
    } else {
      newest = (newest - 1 + m) % m;
      stored = Math.min(stored, m - 1);
    }
  }

  /**
   * Writes {@code d = -H g} with the inverse Hessian approximation of the kept pairs, scaled by
   * {@code s.y / y.y} of the newest kept pair (of the last pair offered if that is not a positive
   * finite number; 1 when no pair is kept).
   */
  void direction(double[] g, double[] d) {
    steepestDescent(g, d);
    int m = s.length;
    for (int j = 0; j < stored; j++) {
      int k = (newest - j + m) % m;
      alpha[k] = rho[k] * VectorOps.dot(s[k], d);
      VectorOps.axpy(-alpha[k], y[k], d);
    }
    double gamma = stored > 0 ? 1.0 / (rho[newest] * VectorOps.dot(y[newest], y[newest])) : 1.0;
    if (!(gamma > 0) || !Double.isFinite(gamma)) {
      gamma = lastSy > 0 && lastYy > 0 ? lastSy / lastYy : 1.0;
    }
    for (int i = 0; i < d.length; i++) {
      d[i] *= gamma;
    }
    for (int j = stored - 1; j >= 0; j--) {
      int k = (newest - j + m) % m;
      double beta = rho[k] * VectorOps.dot(y[k], d);
      VectorOps.axpy(alpha[k] - beta, s[k], d);
    }
  }

  /** Writes {@code d = -g}. */
  static void steepestDescent(double[] g, double[] d) {
    for (int i = 0; i < g.length; i++) {
      d[i] = -g[i];
    }
  }

  /** The first step along the steepest descent: one over the gradient's norm (at most 1e12). */
  static double steepestDescentStep(double[] g) {
    return 1.0 / Math.max(Math.sqrt(VectorOps.dot(g, g)), 1e-12);
  }

  /** The largest absolute value of {@code a} (0 for an empty array). */
  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /**
   * Whether a step from {@code fOld} to {@code f} lowered the objective by at most {@code
   * relativeTolerance * max(|f|, |fOld|, 1)}.
   */
  static boolean relativeDecreaseBelow(double fOld, double f, double relativeTolerance) {
    return fOld - f <= relativeTolerance * Math.max(Math.max(Math.abs(f), Math.abs(fOld)), 1);
  }
}
