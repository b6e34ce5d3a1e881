package dev.softclass.optim;

/** A smooth function to minimise, evaluated with its gradient in one pass. */
public interface DifferentiableFunction {
  /** Number of parameters. */
  int dimension();

  /**
   * Computes {@code f(x)} and writes {@code grad f(x)} into {@code gradient}.
   *
   * @param x the point, {@link #dimension()} values (read only)
   * @param gradient receives the gradient, {@link #dimension()} values
   * @return the value; may be infinite where the function overflows, never NaN for finite x
   */
  double valueAndGradient(double[] x, double[] gradient);
}
