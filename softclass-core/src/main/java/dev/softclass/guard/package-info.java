/** Checks for classic modelling mistakes, run before training; each says what to do instead. */
package dev.softclass.guard;
