/**
 * Ensembles of trained models: soft voting and stacking ({@link dev.softclass.ensemble.Ensemble}),
 * saved as one {@code .softclass} file ({@link dev.softclass.ensemble.EnsembleFile}).
 */
package dev.softclass.ensemble;
