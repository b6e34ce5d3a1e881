package dev.softclass.io;

import dev.softclass.SoftclassException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files all or nothing: the content goes to a temporary file beside the target, which is
 * flushed to disk and then renamed over it. Readers never see a half-written file, and a failed
 * write leaves the old file as it was.
 *
 * <p>A process killed while writing leaves its temporary file behind. The name of a temporary file
 * holds the writer's process id ({@code .NAME.PID.RANDOM.tmp}), so the next write of the same
 * target removes the ones whose writer is no longer running, and never those of a live writer.
 */
public final class AtomicFiles {
  private static final String TMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** Deletes temporary files of this target left by writers that are no longer running. */
  private static void removeAbandoned(Path dir, String prefix) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*" + TMP_SUFFIX)) {
      for (Path file : files) {
        String middle = file.getFileName().toString();
        middle = middle.substring(prefix.length(), middle.length() - TMP_SUFFIX.length());
        int dot = middle.indexOf('.');
        long pid;
        try {
          pid = Long.parseLong(dot < 0 ? "" : middle.substring(0, dot));
        } catch (NumberFormatException notOurs) {
          continue;
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        Files.deleteIfExists(file);
      }
    }
  }

  /** Makes the rename itself durable (where the platform allows syncing a folder). */
  private static void syncFolder(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException unsupported) {
      // Some platforms cannot open a folder as a channel; the rename is still atomic there.
    }
  }

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

  /**
   * Passes large writes on in slices of at most {@value #SLICE} bytes. A channel copies a heap
   * array into a temporary direct buffer as large as the write, and a fresh one of several
   * megabytes costs a page fault per 4 KB page on every save: a text model's 10 MB weights took
   * 80-110 ms to write in one piece and 12 ms in 1 MB slices, whose buffer the JDK keeps and
   * reuses.
   */
  private static final class SlicedOutputStream extends FilterOutputStream {
    private static final int SLICE = 1 << 20;

    SlicedOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int done = 0; done < len; done += SLICE) {
        out.write(b, off + done, Math.min(SLICE, len - done));
      }
    }
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
    String prefix = "." + target.getFileName() + ".";
    Path tmp =
        dir.resolve(
            prefix
                + ProcessHandle.current().pid()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + TMP_SUFFIX);
    try {
      Files.createDirectories(dir);
      removeAbandoned(dir, prefix);
      try (FileChannel channel =
              FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out =
              new SlicedOutputStream(
                  new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      syncFolder(dir);
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
