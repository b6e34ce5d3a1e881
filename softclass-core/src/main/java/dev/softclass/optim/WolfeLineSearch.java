package dev.softclass.optim;

/**
 * Line search for a step satisfying the strong Wolfe conditions (Nocedal and Wright, algorithms 3.5
 * and 3.6), with safeguarded cubic interpolation. The accepted point and its gradient are left in
 * the buffers given to the constructor. Not thread-safe: one per optimisation.
 */
final class WolfeLineSearch {
  private static final double C1 = 1e-4;
  private static final double C2 = 0.9;
  private static final int MAX_EVALUATIONS = 30;

  private final DifferentiableFunction f;
  private final double[] xTrial;
  private final double[] gTrial;
  private double[] x;
  private double[] d;
  private int evaluations;

  record Result(boolean success, double value, int evaluations) {}

  WolfeLineSearch(DifferentiableFunction f, double[] xTrial, double[] gTrial) {
    this.f = f;
    this.xTrial = xTrial;
    this.gTrial = gTrial;
  }

  /**
   * @param x the current point
   * @param f0 the value there
   * @param slope0 directional derivative along {@code d} (negative)
   * @param d the search direction
   * @param initialStep the first step to try
   */
  Result search(double[] x, double f0, double slope0, double[] d, double initialStep) {
    this.x = x;
    this.d = d;
    this.evaluations = 0;
    double aPrev = 0;
    double fPrev = f0;
    double slopePrev = slope0;
    double a = initialStep;
    while (evaluations < MAX_EVALUATIONS) {
      double fa = evaluate(a);
      double slopeA = Lbfgs.dot(gTrial, d);
      if (fa > f0 + C1 * a * slope0 || (evaluations > 1 && fa >= fPrev) || !Double.isFinite(fa)) {
        return zoom(aPrev, fPrev, slopePrev, a, fa, slopeA, f0, slope0);
      }
      if (Math.abs(slopeA) <= -C2 * slope0) {
        return new Result(true, fa, evaluations);
      }
      if (slopeA >= 0) {
        return zoom(a, fa, slopeA, aPrev, fPrev, slopePrev, f0, slope0);
      }
      aPrev = a;
      fPrev = fa;
      slopePrev = slopeA;
      a *= 2.5;
    }
    return new Result(false, f0, evaluations);
  }

  private Result zoom(
      double lo,
      double fLo,
      double slopeLo,
      double hi,
      double fHi,
      double slopeHi,
      double f0,
      double slope0) {
    while (evaluations < MAX_EVALUATIONS) {
      double a = interpolate(lo, fLo, slopeLo, hi, fHi, slopeHi);
      double fa = evaluate(a);
      double slopeA = Lbfgs.dot(gTrial, d);
      if (fa > f0 + C1 * a * slope0 || fa >= fLo || !Double.isFinite(fa)) {
        hi = a;
        fHi = fa;
        slopeHi = slopeA;
      } else {
        if (Math.abs(slopeA) <= -C2 * slope0) {
          return new Result(true, fa, evaluations);
        }
        if (slopeA * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          slopeHi = slopeLo;
        }
        lo = a;
        fLo = fa;
        slopeLo = slopeA;
      }
      if (Math.abs(hi - lo) <= 1e-16 * Math.max(Math.abs(lo), 1e-300)) {
        break;
      }
    }
    // Accept the best sufficient-decrease point found, if any, even without the curvature test.
    if (lo > 0 && fLo < f0) {
      double fa = evaluate(lo);
      return new Result(true, fa, evaluations);
    }
    return new Result(false, f0, evaluations);
  }

  /** Minimiser of the cubic through both ends, kept inside the middle 80 % of the interval. */
  private static double interpolate(
      double a, double fa, double slopeA, double b, double fb, double slopeB) {
    double lowEnd = Math.min(a, b);
    double highEnd = Math.max(a, b);
    double width = highEnd - lowEnd;
    double guess = 0.5 * (a + b);
    if (Double.isFinite(fa) && Double.isFinite(fb) && Double.isFinite(slopeB)) {
      double d1 = slopeA + slopeB - 3 * (fa - fb) / (a - b);
      double disc = d1 * d1 - slopeA * slopeB;
      if (disc >= 0) {
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        double t = b - (b - a) * (slopeB + d2 - d1) / (slopeB - slopeA + 2 * d2);
        if (Double.isFinite(t)) {
          guess = t;
        }
      }
    }
    return Math.min(Math.max(guess, lowEnd + 0.1 * width), highEnd - 0.1 * width);
  }

  private double evaluate(double a) {
    for (int i = 0; i < x.length; i++) {
      xTrial[i] = x[i] + a * d[i];
    }
    evaluations++;
    return f.valueAndGradient(xTrial, gTrial);
  }
}
