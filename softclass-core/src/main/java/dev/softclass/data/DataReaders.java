package dev.softclass.data;

import dev.softclass.SoftclassException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens data files of any {@link DataFormat}, gzip-compressed or not (told by the content). */
public final class DataReaders {
  private DataReaders() {}

  /**
   * Reads a whole file.
   *
   * @param file the file
   * @param format its format, or {@code null} to detect it from the file name
   * @param labelColumn the CSV label column name (ignored for LIBSVM)
   * @param requireLabels whether a missing label column is an error (false for prediction)
   * @throws DataFormatException for a malformed file, naming line and field
   * @throws SoftclassException if the file cannot be read
   */
  public static DataTable read(
      Path file, DataFormat format, String labelColumn, boolean requireLabels) {
    DataFormat f = format != null ? format : DataFormat.detect(file);
    try (Reader reader = open(file)) {
      return read(reader, file.toString(), f, labelColumn, requireLabels);
    } catch (java.io.UncheckedIOException e) {
      // The readers wrap I/O errors, a truncated or corrupt gzip stream among them.
      throw readFailure(file, e.getCause());
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  static SoftclassException readFailure(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new SoftclassException("data file not found: " + file);
    }
    if (e instanceof java.util.zip.ZipException) {
      return new SoftclassException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
    }
    if (e instanceof java.io.EOFException) {
      return new SoftclassException(file + ": the gzip file is truncated", e);
    }
    return new SoftclassException("cannot read " + file + ": " + e.getMessage(), e);
  }

  /**
   * Reads data from an open reader (for example a bundled resource); the caller closes it.
   *
   * @param source the name used in error messages
   * @throws DataFormatException for malformed data, naming line and field
   */
  public static DataTable read(
      Reader reader, String source, DataFormat format, String labelColumn, boolean requireLabels) {
    return switch (format) {
      case CSV -> CsvDataReader.read(reader, source, labelColumn, requireLabels);
      case LIBSVM -> LibsvmDataReader.read(reader, source);
      case FASTTEXT ->
          throw new SoftclassException(
              source
                  + " is fastText text, which only text models read: train with --model-type text");
    };
  }

  /**
   * A UTF-8 reader over the file, decompressing when it starts with the gzip magic bytes and
   * skipping a leading byte order mark (as spreadsheet programs write).
   */
  public static Reader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }
}
