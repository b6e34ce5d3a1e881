/** Vector maths for training and prediction: {@link dev.softclass.kernel.VectorOps}. */
package dev.softclass.kernel;
