package dev.softclass.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the model loader with whole files: the ZIP container, the checksums, the archive digest.
 * Seeds are real model files in {@code ModelFileFuzzTestInputs/fuzz/}.
 */
class ModelFileFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void fuzz(byte[] file) {
    ModelFuzzing.check(file);
  }

  /** Entry point of the standalone Jazzer driver, for long campaigns (bench/fuzz.sh). */
  public static void fuzzerTestOneInput(byte[] file) {
    ModelFuzzing.check(file);
  }
}
