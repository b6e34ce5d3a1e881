package dev.softclass.train;

import dev.softclass.SoftclassException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how often SGD training saves checkpoints, and whether to resume from one. The
 * checkpoint ({@value #FILE_NAME} in {@code dir}) is written atomically after an epoch when due:
 * every {@code everyEpochs} epochs, or once {@code every} has passed since the last save.
 *
 * @param dir the folder of the checkpoint
 * @param everyEpochs save every this many epochs (0 when saving by time)
 * @param every save at the end of the first epoch this long after the previous save (null when
 *     saving by epochs)
 * @param resume continue from the checkpoint in {@code dir} if there is one; without it, an
 *     existing checkpoint is an error rather than silently overwritten
 */
public record Checkpointing(Path dir, int everyEpochs, Duration every, boolean resume) {
  /** The checkpoint's file name inside {@link #dir()}. */
  public static final String FILE_NAME = "training.checkpoint";

  private static final Pattern SPEC =
      Pattern.compile("(\\d+)\\s*(|e|epochs?|m|min|mins|minutes?)", Pattern.CASE_INSENSITIVE);

  /** Validates: exactly one of the two triggers. */
  public Checkpointing {
    if (dir == null || (everyEpochs > 0) == (every != null) || everyEpochs < 0) {
      throw new IllegalArgumentException("a checkpoint folder and one trigger are needed");
    }
    if (every != null && (every.isNegative() || every.isZero())) {
      throw new IllegalArgumentException("the checkpoint interval must be positive");
    }
  }

  /**
   * Parses {@code --checkpoint-every}: {@code N} or {@code Nepochs} for every N epochs, {@code Nm}
   * or {@code Nmin} for every N minutes.
   *
   * @throws SoftclassException for anything else
   */
  public static Checkpointing parse(Path dir, String every, boolean resume) {
    Matcher m = SPEC.matcher(every.strip());
    long n = -1;
    if (m.matches()) {
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException tooLong) {
        n = -1;
      }
    }
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new SoftclassException(
          "--checkpoint-every must be a number of epochs (5, 5epochs) or minutes (10m, 10min),"
              + " at least 1; got '"
              + every
              + "'");
    }
    boolean minutes = m.group(2).toLowerCase(Locale.ROOT).startsWith("m");
    return minutes
        ? new Checkpointing(dir, 0, Duration.ofMinutes(n), resume)
        : new Checkpointing(dir, (int) n, null, resume);
  }

  /** The checkpoint file. */
  public Path file() {
    return dir.resolve(FILE_NAME);
  }
}
