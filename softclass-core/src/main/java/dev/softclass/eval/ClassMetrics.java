package dev.softclass.eval;

/**
 * The metrics of one class (0 where precision, recall or F1 is undefined, as scikit-learn's {@code
 * zero_division=0}; NaN where a ranking metric is undefined).
 *
 * @param name the class name
 * @param precision true positives / predicted positives
 * @param recall true positives / actual positives
 * @param f1 harmonic mean of precision and recall
 * @param support rows whose true class this is
 * @param rocAuc area under the ROC curve of this class against the rest, scored by its probability;
 *     NaN when the class is absent or is every row's class
 * @param averagePrecision average precision of this class against the rest; NaN when absent
 */
public record ClassMetrics(
    String name,
    double precision,
    double recall,
    double f1,
    int support,
    double rocAuc,
    double averagePrecision) {}
