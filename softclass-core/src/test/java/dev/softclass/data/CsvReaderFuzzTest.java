package dev.softclass.data;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the CSV reader; the seed corpus is in {@code CsvReaderFuzzTestInputs/fuzz/}. */
class CsvReaderFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void fuzz(byte[] input) {
    ReaderFuzzing.check(input, DataFormat.CSV);
  }

  /** Entry point of the standalone Jazzer driver, for long campaigns (bench/fuzz.sh). */
  public static void fuzzerTestOneInput(byte[] input) {
    ReaderFuzzing.check(input, DataFormat.CSV);
  }
}
