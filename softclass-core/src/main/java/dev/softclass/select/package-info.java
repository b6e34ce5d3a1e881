/**
 * Model selection: stratified splits and k-fold, repeated cross-validation, and grid and random
 * search over any training setting ({@link dev.softclass.select.ModelSearch}).
 */
package dev.softclass.select;
