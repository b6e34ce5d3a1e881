package dev.softclass.data;

import dev.softclass.SoftclassException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats Softclass reads. Any of them may be gzip-compressed. */
public enum DataFormat {
  /** Comma-separated values with a header row; one label column, the others numeric. */
  CSV,
  /** LIBSVM / SVMlight: {@code label index:value ...} with 1-based increasing indices. */
  LIBSVM;

  /**
   * What joins the labels of a multi-label row: {@code ;} in a CSV label cell ({@code a;b}), a
   * comma in LIBSVM's label field ({@code 2,5}, as in the Mulan and LIBSVM multi-label data sets).
   */
  public String labelSeparator() {
    return this == CSV ? ";" : ",";
  }

  /** Parses a user's format name ({@code csv}, {@code libsvm}, also {@code svm}). */
  public static DataFormat parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "csv":
        return CSV;
      case "libsvm":
      case "svm":
      case "svmlight":
        return LIBSVM;
      default:
        throw new SoftclassException("unknown data format '" + name + "': expected csv or libsvm");
    }
  }

  /**
   * The format named by the file's extension ({@code .csv}, {@code .libsvm}, {@code .svm} or {@code
   * .svmlight}, each optionally followed by {@code .gz}).
   *
   * @throws SoftclassException if the name does not tell
   */
  public static DataFormat detect(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".libsvm") || name.endsWith(".svm") || name.endsWith(".svmlight")) {
      return LIBSVM;
    }
    throw new SoftclassException(
        "cannot tell the format of "
            + file
            + " from its name: give --format csv or --format libsvm");
  }
}
