/** Evaluation: accuracy, log loss, per-class metrics and the confusion matrix. */
package dev.softclass.eval;
