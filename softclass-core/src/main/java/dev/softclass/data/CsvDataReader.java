package dev.softclass.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV with a header row: one label column (by name), every other column a feature. Empty
 * cells are missing values (stored as NaN and flagged). A column with a cell that is not a number
 * is a text (categorical) column: its keys go to {@link TextColumns} (see there) and the
 * preprocessing pipeline encodes them. {@code NaN} and {@code Infinity} written out are refused,
 * naming line and column: a missing value is an empty cell.
 */
final class CsvDataReader {
  private CsvDataReader() {}

  static DataTable read(Reader in, String source, String labelColumn, boolean requireLabels) {
    try (CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true).ofCsvRecord(in)) {
      Iterator<CsvRecord> it = csv.iterator();
      if (!it.hasNext()) {
        throw new DataFormatException(source, 1, null, "the file is empty: expected a header row");
      }
      CsvRecord header = it.next();
      int labelIndex = -1;
      List<String> featureNames = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      for (int c = 0; c < header.getFieldCount(); c++) {
        String name = header.getField(c).strip();
        Integer before = seen.putIfAbsent(name, c + 1);
        if (before != null) {
          throw new DataFormatException(
              source,
              header.getStartingLineNumber(),
              "column " + (c + 1),
              "the header names '"
                  + name
                  + "' twice (columns "
                  + before
                  + " and "
                  + (c + 1)
                  + "): every column needs its own name");
        }
        if (name.equals(labelColumn)) {
          labelIndex = c;
        } else {
          featureNames.add(name);
        }
      }
      if (labelIndex < 0 && requireLabels) {
        throw new DataFormatException(
            source,
            header.getStartingLineNumber(),
            null,
            "no column named '"
                + labelColumn
                + "' in the header "
                + header.getFields()
                + ". Name the label column with --label.");
      }
      int width = header.getFieldCount();
      FloatList values = new FloatList();
      List<String> labels = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      boolean hasMissing = false;
      int d = featureNames.size();
      // per feature, its keys once it turned out to hold text (an array: no boxing per cell)
      @SuppressWarnings("unchecked")
      List<String>[] text = new List[d];
      Map<Integer, Long> firstTextLine = new HashMap<>();
      Map<String, String> interned = new HashMap<>();
      while (it.hasNext()) {
        CsvRecord rec = it.next();
        long line = rec.getStartingLineNumber();
        if (rec.getFieldCount() != width) {
          throw new DataFormatException(
              source,
              line,
              null,
              "expected " + width + " fields as in the header, found " + rec.getFieldCount());
        }
        int f = 0;
        for (int c = 0; c < width; c++) {
          String cell = rec.getField(c).strip();
          if (c == labelIndex) {
            if (cell.isEmpty()) {
              throw new DataFormatException(
                  source, line, "column '" + labelColumn + "'", "the label is empty");
            }
            labels.add(cell);
            continue;
          }
          List<String> keys = text[f];
          if (cell.isEmpty()) {
            values.add(Float.NaN);
            hasMissing = true;
            if (keys != null) {
              keys.add(null);
            }
            f++;
            continue;
          }
          float v = NumberParsing.parseFinite(cell);
          if (Float.isNaN(v)) {
            if (NumberParsing.isNonFiniteWord(cell)) {
              throw new DataFormatException(
                  source,
                  line,
                  "column '" + header.getField(c).strip() + "' (" + (c + 1) + ")",
                  "expected a finite number, a category or an empty cell (missing), found "
                      + NumberParsing.quote(cell));
            }
            if (keys == null) {
              keys = backfill(values, lines.size(), d, f);
              text[f] = keys;
              firstTextLine.put(f, line);
            }
            keys.add(interned.computeIfAbsent(cell, k -> k));
            values.add(0f);
          } else {
            if (keys != null) {
              keys.add(interned.computeIfAbsent(TextColumns.key(v), k -> k));
            }
            values.add(v);
          }
          f++;
        }
        lines.add(line);
      }
      int rows = lines.size();
      if (rows == 0) {
        throw new DataFormatException(source, 0, null, "the file has a header but no data rows");
      }
      long[] lineArray = lines.stream().mapToLong(Long::longValue).toArray();
      return new DataTable(
          source,
          new DenseMatrix(values.toArray(), rows, featureNames.size()),
          labelIndex < 0 ? null : labels.toArray(new String[0]),
          featureNames,
          lineArray,
          hasMissing,
          textColumns(text, firstTextLine));
    } catch (CsvParseException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.io.IOException io) {
        throw new java.io.UncheckedIOException(io); // a read error, such as corrupt gzip data
      }
      // FastCSV's own limits (record and field size, field count) say what they are in the cause.
      throw new DataFormatException(
          source,
          0,
          null,
          "not valid CSV: "
              + e.getMessage()
              + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The keys of the first {@code rows} rows of feature {@code f}, read so far as numbers. */
  private static List<String> backfill(FloatList values, int rows, int d, int f) {
    List<String> keys = new ArrayList<>(Math.max(16, rows * 2));
    for (int r = 0; r < rows; r++) {
      float v = values.get(r * d + f);
      keys.add(Float.isNaN(v) ? null : TextColumns.key(v));
    }
    return keys;
  }

  private static TextColumns textColumns(List<String>[] text, Map<Integer, Long> firstTextLine) {
    Map<Integer, String[]> columns = new HashMap<>();
    for (int f = 0; f < text.length; f++) {
      if (text[f] != null) {
        columns.put(f, text[f].toArray(new String[0]));
      }
    }
    return columns.isEmpty() ? TextColumns.NONE : new TextColumns(columns, firstTextLine);
  }
}
