package dev.softclass.data;

import dev.softclass.SoftclassException;

/**
 * A data file that does not say what its format promises; the message names file, line and field.
 */
public final class DataFormatException extends SoftclassException {
  private static final long serialVersionUID = 1L;

  /**
   * @param source the file name (or another description of the input)
   * @param line 1-based line number, or 0 when the problem is not on one line
   * @param field the field: a column name, a 1-based position or a token; may be null
   * @param problem what is wrong and what was expected
   */
  public DataFormatException(String source, long line, String field, String problem) {
    super(location(source, line, field) + problem);
  }

  private static String location(String source, long line, String field) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    if (field != null) {
      sb.append(", ").append(field);
    }
    return sb.append(": ").toString();
  }
}
