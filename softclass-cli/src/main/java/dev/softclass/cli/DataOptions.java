package dev.softclass.cli;

import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.DataTable;
import dev.softclass.data.Dataset;
import dev.softclass.data.LabelEncoder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every data-reading command shares: file, format and label column. */
final class DataOptions {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description =
          "Data file: CSV with a header, or LIBSVM; may be gzip-compressed. Multi-label rows join"
              + " their labels with ';' (CSV) or ',' (LIBSVM).")
  Path data;

  @Option(
      names = "--format",
      paramLabel = "csv|libsvm",
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
    return DataReaders.read(data, format(), label, requireLabels);
  }

  /** The file's format: as given, else from the file name. */
  DataFormat format() {
    return format == null ? DataFormat.detect(data) : DataFormat.parse(format);
  }

  /**
   * Reads multi-label data (labels joined by {@code ;} in CSV, by commas in LIBSVM) with the label
   * vocabulary of a model; labels are required for evaluation and calibration.
   */
  Dataset readLabelSets(LabelEncoder vocabulary, boolean requireLabels) {
    return read(requireLabels).toMultiLabelDataset(format().labelSeparator(), vocabulary);
  }
}
