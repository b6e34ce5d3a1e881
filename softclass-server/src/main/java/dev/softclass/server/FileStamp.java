package dev.softclass.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What identifies one version of a file without reading it: modification time, size and file key
 * (the inode on Linux, so a file renamed over the old one is seen as new even with the same time
 * and size).
 *
 * @param modifiedNanos last modification, in nanoseconds since the epoch
 * @param size size in bytes
 * @param fileKey the file system's key for the file, or {@code null} where it has none
 */
record FileStamp(long modifiedNanos, long size, Object fileKey) {
  /** The stamp of a file that does not exist or cannot be read. */
  static final FileStamp MISSING = new FileStamp(-1, -1, null);

  /** The file's stamp now, or {@link #MISSING}. */
  static FileStamp of(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size(), a.fileKey());
    } catch (IOException e) {
      return MISSING;
    }
  }
}
