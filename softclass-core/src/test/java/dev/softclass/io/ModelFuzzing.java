package dev.softclass.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check of the model-file fuzz targets: a file either fails to load with a {@link
 * ModelFileException} (the only exception {@link ModelFile#read} documents) or gives a model whose
 * probabilities are finite and sum to 1.
 */
final class ModelFuzzing {
  private static final Path FILE = tempFile();

  private ModelFuzzing() {}

  private static Path tempFile() {
    try {
      Path file = Files.createTempFile("softclass-fuzz", ".softclass");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void check(byte[] fileBytes) {
    try {
      Files.write(FILE, fileBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Model model;
    try {
      model = ModelFile.read(FILE);
    } catch (ModelFileException expected) {
      assertThat(expected.getMessage()).startsWith(FILE.toString());
      return;
    }
    double[] p = model.predictProba(new float[model.numFeatures()]);
    double sum = 0;
    for (double v : p) {
      assertThat(v).isBetween(0.0, 1.0);
      sum += v;
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
  }
}
