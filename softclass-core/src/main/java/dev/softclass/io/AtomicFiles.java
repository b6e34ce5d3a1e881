package dev.softclass.io;

import dev.softclass.SoftclassException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files all or nothing: the content goes to a temporary file beside the target, which is
 * then renamed over it. Readers never see a half-written file, and a failed write leaves the old
 * file as it was.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** The reason for a failed file operation, in words rather than an exception name. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return e.getMessage() + " is a file, not a folder";
    }
    if (e instanceof NoSuchFileException) {
      return "no such folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? "input/output error" : e.getMessage();
  }

  /** Writes the content of one file to an output stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes everything to {@code out} (which the caller closes). */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically. The temporary file is created with the usual permissions (the
   * process's umask applies), so the result is readable like any other file.
   *
   * @param what a description for messages, for example "the model"
   * @throws SoftclassException if the file cannot be written
   */
  public static void write(Path target, String what, Content content) {
    Path dir = target.toAbsolutePath().getParent();
    String name =
        "."
            + target.getFileName()
            + "."
            + Long.toHexString(ThreadLocalRandom.current().nextLong())
            + ".tmp";
    Path tmp = dir.resolve(name);
    try {
      Files.createDirectories(dir);
      try (OutputStream out =
          Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
        content.writeTo(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SoftclassException(
          "cannot write " + what + " to " + target + ": " + describe(e), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // The original error, if any, matters more than a leftover temporary file.
      }
    }
  }
}
