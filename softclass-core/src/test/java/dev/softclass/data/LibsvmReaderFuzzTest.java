package dev.softclass.data;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the LIBSVM reader; the seed corpus is in {@code LibsvmReaderFuzzTestInputs/fuzz/}. */
class LibsvmReaderFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void fuzz(byte[] input) {
    ReaderFuzzing.check(input, DataFormat.LIBSVM);
  }

  /** Entry point of the standalone Jazzer driver, for long campaigns (bench/fuzz.sh). */
  public static void fuzzerTestOneInput(byte[] input) {
    ReaderFuzzing.check(input, DataFormat.LIBSVM);
  }
}
