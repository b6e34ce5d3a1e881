/**
 * Heads: the output layer's link function and loss ({@link dev.softclass.head.SigmoidHead}, {@link
 * dev.softclass.head.SoftmaxHead}).
 */
package dev.softclass.head;
