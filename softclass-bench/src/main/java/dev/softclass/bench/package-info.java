/** Benchmarks: Softclass as a system of the side-by-side anchors harness. */
package dev.softclass.bench;
