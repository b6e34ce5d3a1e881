package dev.softclass.eval;

/**
 * Precision, recall and F1 of one class (0 where undefined, as scikit-learn's {@code
 * zero_division=0}).
 *
 * @param name the class name
 * @param precision true positives / predicted positives
 * @param recall true positives / actual positives
 * @param f1 harmonic mean of precision and recall
 * @param support rows whose true class this is
 */
public record ClassMetrics(String name, double precision, double recall, double f1, int support) {}
