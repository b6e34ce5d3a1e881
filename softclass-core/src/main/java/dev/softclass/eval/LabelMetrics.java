package dev.softclass.eval;

/**
 * The metrics of one label of a multi-label model, scoring the label's yes/no decision on every row
 * (0 where precision, recall or F1 is undefined, as scikit-learn's {@code zero_division=0}; NaN
 * where a ranking metric is undefined).
 *
 * @param name the label
 * @param precision rows correctly given the label / rows given it
 * @param recall rows correctly given the label / rows that have it
 * @param f1 harmonic mean of precision and recall
 * @param support rows that have the label
 * @param predicted rows given the label
 * @param rocAuc area under the ROC curve of the label's probability; NaN when every row or no row
 *     has the label
 * @param averagePrecision average precision of the label's probability; NaN when no row has it
 * @param calibrationError expected calibration error of the label's probability: 15 equal-width
 *     bins of the probability, weighted mean of |share of rows with the label - mean probability|
 * @param threshold the decision threshold the model used for the label (NaN when unknown)
 */
public record LabelMetrics(
    String name,
    double precision,
    double recall,
    double f1,
    int support,
    int predicted,
    double rocAuc,
    double averagePrecision,
    double calibrationError,
    double threshold) {}
