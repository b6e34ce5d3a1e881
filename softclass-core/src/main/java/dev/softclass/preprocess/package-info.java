/** Preprocessing fitted on training data and saved in the model: imputation and scaling. */
package dev.softclass.preprocess;
