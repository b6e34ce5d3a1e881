/**
 * Evaluation: decision metrics (accuracy, balanced accuracy, precision, recall, F1, confusion),
 * probability metrics (log loss, Brier score, top-k accuracy), ranking metrics and curves (ROC,
 * precision-recall), and calibration (reliability diagrams, ECE, MCE). Every metric follows
 * scikit-learn's definition and is tested against it.
 */
package dev.softclass.eval;
