package dev.softclass.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LIBSVM / SVMlight files: {@code label index:value ...}, indices 1-based and strictly
 * increasing, zeros omitted; {@code #} starts a comment. The column count is the largest index.
 */
final class LibsvmDataReader {
  /** The largest feature index: the columns of a weight matrix must fit one Java array. */
  static final int MAX_INDEX = Integer.MAX_VALUE - 16;

  private LibsvmDataReader() {}

  static DataTable read(Reader in, String source) {
    LineReader reader = new LineReader(in, source);
    IntList rowPtr = new IntList();
    rowPtr.add(0);
    IntList indices = new IntList();
    FloatList values = new FloatList();
    List<String> labels = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    int maxIndex = 0;
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        long lineNo = reader.lineNumber();
        int hash = line.indexOf('#');
        if (hash >= 0) {
          line = line.substring(0, hash);
        }
        String[] tokens = line.strip().split("\\s+");
        if (tokens.length == 0 || tokens[0].isEmpty()) {
          continue;
        }
        if (tokens[0].indexOf(':') >= 0) {
          throw new DataFormatException(
              source, lineNo, "field 1", "expected a label first, found " + quote(tokens[0]));
        }
        labels.add(tokens[0]);
        int previous = 0;
        for (int t = 1; t < tokens.length; t++) {
          String token = tokens[t];
          int colon = token.indexOf(':');
          String field = "field " + (t + 1);
          if (colon <= 0 || colon == token.length() - 1) {
            throw new DataFormatException(
                source, lineNo, field, "expected index:value, found " + quote(token));
          }
          long index;
          try {
            index = Long.parseLong(token.substring(0, colon));
          } catch (NumberFormatException e) {
            index = -1;
          }
          if (index > MAX_INDEX) {
            throw new DataFormatException(
                source,
                lineNo,
                field,
                String.format(
                    java.util.Locale.ROOT,
                    "feature index %,d is beyond the largest supported, %,d (a weight matrix must"
                        + " fit one Java array): hash the features into fewer columns",
                    index,
                    MAX_INDEX));
          }
          if (index < 1) {
            throw new DataFormatException(
                source,
                lineNo,
                field,
                "expected a feature index >= 1 (LIBSVM indices are 1-based), found "
                    + quote(token));
          }
          if (index <= previous) {
            throw new DataFormatException(
                source,
                lineNo,
                field,
                "feature indices must increase along a line: "
                    + index
                    + " comes after "
                    + previous);
          }
          float v = NumberParsing.parseFinite(token.substring(colon + 1));
          if (Float.isNaN(v)) {
            throw new DataFormatException(
                source,
                lineNo,
                field,
                "expected a finite number after the colon, found " + quote(token));
          }
          previous = (int) index;
          if (v != 0f) {
            indices.add((int) index - 1);
            values.add(v);
          }
        }
        maxIndex = Math.max(maxIndex, previous);
        rowPtr.add(indices.size());
        lines.add(lineNo);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (labels.isEmpty()) {
      throw new DataFormatException(source, 0, null, "the file has no data lines");
    }
    return new DataTable(
        source,
        new CsrMatrix(rowPtr.toArray(), indices.toArray(), values.toArray(), maxIndex),
        labels.toArray(new String[0]),
        new ColumnNumbers(maxIndex),
        lines.stream().mapToLong(Long::longValue).toArray(),
        false);
  }

  private static String quote(String s) {
    return NumberParsing.quote(s);
  }
}
