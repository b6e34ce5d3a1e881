/**
 * Kernel implementations behind {@link dev.softclass.kernel.VectorOps}. Internal: not part of the
 * public API, and may change in any release.
 */
package dev.softclass.internal.kernel;
