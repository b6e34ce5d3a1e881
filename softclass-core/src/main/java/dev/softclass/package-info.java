/**
 * Softclass: probabilistic classification with softmax and sigmoid outputs.
 *
 * <p>Start with {@link dev.softclass.Classifier} to configure and train, {@link
 * dev.softclass.Model} to predict, save and load, and {@link dev.softclass.data.Dataset} to hold
 * data.
 */
package dev.softclass;
