package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * The one check every data-reader fuzz target makes: any bytes either fail with a {@link
 * DataFormatException} (the only exception a reader documents for bad content) or give a table
 * whose shape is consistent, whose values are finite (or NaN for a missing CSV cell), and which
 * turns into a dataset. Any other exception escapes and Jazzer reports it as a finding.
 *
 * <p>A new reader gets a target of three lines: a {@code *FuzzTest} class with one {@code FuzzTest}
 * method calling {@link #check} with its format, plus a few real files in {@code
 * <Class>Inputs/fuzz/} under test resources.
 */
final class ReaderFuzzing {
  private ReaderFuzzing() {}

  static void check(byte[] input, DataFormat format) {
    Reader reader = new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8);
    DataTable table;
    try {
      table = DataReaders.read(reader, "fuzz-input", format, "label", false);
    } catch (DataFormatException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz-input");
      return;
    }
    FeatureMatrix x = table.features();
    assertThat(x.rows()).isPositive().isEqualTo(table.lines().length);
    assertThat(x.cols()).isEqualTo(table.featureNames().size());
    // A sparse matrix's stored values only: one large LIBSVM index (2,033,333,337 in a finding)
    // makes a row of billions of columns, which the reader keeps sparse and a dense copy cannot.
    if (x instanceof CsrMatrix csr) {
      for (float v : csr.values()) {
        assertThat(Float.isInfinite(v) || (Float.isNaN(v) && !table.hasMissing())).isFalse();
      }
    } else {
      for (int r = 0; r < x.rows(); r++) {
        for (float v : x.denseRow(r)) {
          assertThat(Float.isInfinite(v) || (Float.isNaN(v) && !table.hasMissing())).isFalse();
        }
      }
    }
    if (table.labels() != null) {
      assertThat(table.toDataset().size()).isEqualTo(x.rows());
    }
  }
}
