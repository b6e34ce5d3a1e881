/**
 * Model files: the versioned {@code .softclass} ZIP format, written atomically and read with
 * checks.
 */
package dev.softclass.io;
