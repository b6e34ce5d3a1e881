package dev.softclass.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (ended by {@code \n}, {@code \r\n} or {@code \r}) with a bound on their length, so
 * that a file without line breaks (a binary file, a runaway generator) fails with a clear error
 * instead of exhausting memory, as {@link java.io.BufferedReader#readLine} would. Counts lines.
 */
final class LineReader {
  /**
   * The longest line accepted, in characters: far above any real data row (a sparse row of a
   * million non-zeros is about 15 million characters), far below the heap.
   */
  static final int MAX_LINE_CHARS = 1 << 25;

  private final Reader in;
  private final String source;
  private final int maxChars;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int end;
  private boolean skipLineFeed;
  private long lineNumber;

  LineReader(Reader in, String source) {
    this(in, source, MAX_LINE_CHARS);
  }

  LineReader(Reader in, String source, int maxChars) {
    this.in = in;
    this.source = source;
    this.maxChars = maxChars;
  }

  /** The 1-based number of the line last returned. */
  long lineNumber() {
    return lineNumber;
  }

  /**
   * The next line without its terminator, or null at the end of the input.
   *
   * @throws DataFormatException if the line is longer than the limit
   */
  String readLine() throws IOException {
    StringBuilder partial = null;
    while (true) {
      if (pos == end && !fill()) {
        if (partial == null) {
          return null;
        }
        lineNumber++;
        return partial.toString();
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      int i = pos;
      while (i < end && buf[i] != '\n' && buf[i] != '\r') {
        i++;
      }
      int length = i - pos;
      if ((partial == null ? 0 : partial.length()) + (long) length > maxChars) {
        throw new DataFormatException(
            source,
            lineNumber + 1,
            null,
            String.format(
                java.util.Locale.ROOT,
                "the line is longer than %,d characters, the limit: is this a text file in the"
                    + " expected format?",
                maxChars));
      }
      if (i < end) {
        String line =
            partial == null
                ? new String(buf, pos, length)
                : partial.append(buf, pos, length).toString();
        skipLineFeed = buf[i] == '\r';
        pos = i + 1;
        lineNumber++;
        return line;
      }
      if (partial == null) {
        partial = new StringBuilder(Math.max(16, 2 * length));
      }
      partial.append(buf, pos, length);
      pos = end;
    }
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    pos = 0;
    end = Math.max(n, 0);
    return n > 0;
  }
}
