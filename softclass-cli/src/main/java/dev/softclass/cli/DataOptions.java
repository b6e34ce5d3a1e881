package dev.softclass.cli;

import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.DataTable;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every data-reading command shares: file, format and label column. */
final class DataOptions {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description =
          "Data file: CSV with a header, LIBSVM, or fastText text (__label__ tokens, text"
              + " models); may be gzip-compressed.")
  Path data;

  @Option(
      names = "--format",
      paramLabel = "csv|libsvm|fasttext",
      description = "File format (default: from the file name).")
  String format;

  @Option(
      names = "--label",
      paramLabel = "COL",
      defaultValue = "label",
      description = "Name of the CSV label column (default: ${DEFAULT-VALUE}).")
  String label;

  /** Reads the file; labels are required for training and evaluation. */
  DataTable read(boolean requireLabels) {
    DataFormat f = format == null ? null : DataFormat.parse(format);
    return DataReaders.read(data, f, label, requireLabels);
  }
}
