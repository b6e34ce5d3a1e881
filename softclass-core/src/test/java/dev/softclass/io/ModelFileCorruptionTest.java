package dev.softclass.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupting any single byte of a model file is detected: loading fails with a {@link
 * ModelFileException}, never gives a silently different model. Every position is tried with two
 * corruptions (the lowest bit, and all bits).
 */
class ModelFileCorruptionTest {
  @TempDir Path dir;

  @Test
  void everySingleByteCorruptionIsDetected() throws Exception {
    Dataset data =
        Dataset.of(
            new double[][] {{0, 1}, {1, 0}, {2, 1}, {3, 0}, {0.5, 2}, {2.5, -1}},
            new String[] {"no", "no", "yes", "yes", "no", "yes"});
    Path file = dir.resolve("small.softclass");
    Classifier.logistic().fit(data).save(file);
    byte[] original = Files.readAllBytes(file);
    Path corrupt = dir.resolve("corrupt.softclass");
    List<String> undetected = new ArrayList<>();
    int tries = 0;
    for (int pos = 0; pos < original.length; pos++) {
      for (int mask : new int[] {0x01, 0xFF}) {
        byte[] bytes = original.clone();
        bytes[pos] ^= (byte) mask;
        Files.write(corrupt, bytes);
        tries++;
        try {
          Model loaded = ModelFile.read(corrupt);
          undetected.add("byte " + pos + " ^ 0x" + Integer.toHexString(mask) + " -> " + loaded);
        } catch (ModelFileException expected) {
          // detected
        }
      }
    }
    System.out.printf(
        "byte flips: %d of %d detected in a %d-byte model file%n",
        tries - undetected.size(), tries, original.length);
    assertThat(undetected).isEmpty();
  }
}
