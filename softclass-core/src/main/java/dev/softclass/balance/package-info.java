/**
 * Class imbalance: class weights in the loss ({@link dev.softclass.balance.ClassWeights}), random
 * over- and under-sampling and SMOTE ({@link dev.softclass.balance.Resampler}), applied to the
 * scaled training rows only.
 */
package dev.softclass.balance;
