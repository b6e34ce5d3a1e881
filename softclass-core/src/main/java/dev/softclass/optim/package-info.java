/** Optimisers: L-BFGS for full-batch training, mini-batch SGD. */
package dev.softclass.optim;
