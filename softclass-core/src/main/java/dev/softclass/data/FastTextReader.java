package dev.softclass.data;

import dev.softclass.SoftclassException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads fastText's text format: one example per line, its labels given by tokens starting with
 * {@code __label__} anywhere on the line (several for multi-label), the other tokens being the
 * text. Tokens are separated by any Unicode white space. Blank lines are skipped, as fastText skips
 * them. Files may be gzip-compressed (told by the content, as for every reader).
 */
public final class FastTextReader {
  /** The prefix that marks a label token, as in fastText. */
  public static final String LABEL_PREFIX = "__label__";

  private FastTextReader() {}

  /**
   * Reads a whole file.
   *
   * @param requireLabels whether a line without a label is an error (true for training and
   *     evaluation; for prediction labels are optional and ignored)
   * @throws DataFormatException naming file and line: a line with labels but no text, an empty
   *     label name, or (when required) a line without a label
   * @throws SoftclassException if the file cannot be read
   */
  public static TextData read(Path file, boolean requireLabels) {
    try (Reader reader = DataReaders.open(file)) {
      return read(reader, file.toString(), requireLabels);
    } catch (UncheckedIOException e) {
      throw DataReaders.readFailure(file, e.getCause());
    } catch (IOException e) {
      throw DataReaders.readFailure(file, e);
    }
  }

  /**
   * Reads from an open reader; the caller closes it.
   *
   * @param source the name used in error messages
   * @throws DataFormatException as {@link #read(Path, boolean)}, and for a line longer than 2^25
   *     characters (a file without line breaks), instead of running out of memory
   */
  public static TextData read(Reader reader, String source, boolean requireLabels) {
    LineReader in = new LineReader(reader, source);
    List<String> texts = new ArrayList<>();
    IntList lines = new IntList();
    List<List<String>> labelNames = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    int lineNo = 0;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        List<String> labels = new ArrayList<>(1);
        StringBuilder text = new StringBuilder(line.length());
        if (!splitLine(line, labels, text, source, lineNo)) {
          continue;
        }
        if (text.length() == 0) {
          throw new DataFormatException(
              source,
              lineNo,
              null,
              "the line has the label(s) "
                  + labels
                  + " but no text; expected words after or around the __label__ tokens");
        }
        if (labels.isEmpty() && requireLabels) {
          throw new DataFormatException(
              source,
              lineNo,
              null,
              "no __label__ token; expected a line such as '__label__spam buy now'");
        }
        labels.forEach(l -> seen.put(l, Boolean.TRUE));
        texts.add(text.toString());
        lines.add(lineNo);
        labelNames.add(labels);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (texts.isEmpty()) {
      throw new DataFormatException(source, 0, null, "no examples: the file has no text lines");
    }
    LabelEncoder encoder = LabelEncoder.fit(seen.keySet());
    int[][] rows = new int[texts.size()][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = labelNames.get(r).stream().mapToInt(encoder::indexOf).toArray();
    }
    return new TextData(
        source, texts, lines.toArray(), encoder, LabelSets.of(rows, encoder.size()));
  }

  /**
   * Splits one line into label names and the remaining text (tokens joined by single spaces).
   *
   * @return false for a blank line
   */
  private static boolean splitLine(
      String line, List<String> labels, StringBuilder text, String source, int lineNo) {
    int n = line.length();
    int i = 0;
    boolean any = false;
    while (i < n) {
      while (i < n && isSpace(line.codePointAt(i))) {
        i += Character.charCount(line.codePointAt(i));
      }
      int start = i;
      while (i < n && !isSpace(line.codePointAt(i))) {
        i += Character.charCount(line.codePointAt(i));
      }
      if (start == i) {
        break;
      }
      any = true;
      if (line.startsWith(LABEL_PREFIX, start)) {
        if (i - start == LABEL_PREFIX.length()) {
          throw new DataFormatException(
              source,
              lineNo,
              "token " + LABEL_PREFIX,
              "empty label name; expected " + LABEL_PREFIX + "<name>");
        }
        labels.add(line.substring(start + LABEL_PREFIX.length(), i));
      } else {
        if (text.length() > 0) {
          text.append(' ');
        }
        text.append(line, start, i);
      }
    }
    return any;
  }

  /** White space as fastText users expect it, extended to Unicode (no-break spaces included). */
  public static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }
}
