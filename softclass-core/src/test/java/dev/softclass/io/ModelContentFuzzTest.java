package dev.softclass.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fuzzes what lies behind the checksums: {@code model.json} and {@code weights.bin} are taken from
 * the input and packed into an archive with correct checksums and seal, so the fuzzer reaches the
 * JSON and weights decoding that whole-file mutations almost never get past the SHA-256 to.
 */
class ModelContentFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void fuzz(FuzzedDataProvider data) {
    run(data);
  }

  /** Entry point of the standalone Jazzer driver, for long campaigns (bench/fuzz.sh). */
  public static void fuzzerTestOneInput(FuzzedDataProvider data) {
    run(data);
  }

  private static void run(FuzzedDataProvider data) {
    byte[] json = data.consumeString(4096).getBytes(StandardCharsets.UTF_8);
    byte[] weights = data.consumeRemainingAsBytes();
    ModelFuzzing.check(archive(json, weights));
  }

  /** An archive like {@link ModelFile#write} makes, with the given entries and their checksums. */
  static byte[] archive(byte[] json, byte[] weights) {
    String sums =
        ModelFile.sha256(json) + "  model.json\n" + ModelFile.sha256(weights) + "  weights.bin\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ArchiveSeal.write(
          out,
          zip -> {
            put(zip, "model.json", json);
            put(zip, "weights.bin", weights);
            put(zip, "SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8));
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }
}
