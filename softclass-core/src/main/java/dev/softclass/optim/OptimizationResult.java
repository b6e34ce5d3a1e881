package dev.softclass.optim;

/**
 * What an optimiser found.
 *
 * @param x the final parameters
 * @param value the objective value there
 * @param iterations iterations (or epochs) run
 * @param evaluations objective evaluations (full passes for batch methods)
 * @param converged whether a convergence test, rather than the iteration limit, stopped it
 * @param reason why it stopped, in words
 */
public record OptimizationResult(
    double[] x, double value, int iterations, int evaluations, boolean converged, String reason) {}
