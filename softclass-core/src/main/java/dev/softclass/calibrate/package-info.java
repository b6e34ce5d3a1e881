/**
 * Calibration and decision thresholds: temperature scaling, Platt scaling and isotonic regression
 * fitted on held-out data or by cross-validation ({@link dev.softclass.calibrate.Calibration}), and
 * binary decision thresholds chosen by F-beta, a precision or recall target, or costs ({@link
 * dev.softclass.calibrate.ThresholdCriterion}). Both are stored in the model file and applied by
 * the model itself.
 */
package dev.softclass.calibrate;
