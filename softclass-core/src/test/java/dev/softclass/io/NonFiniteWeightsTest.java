package dev.softclass.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model file whose weights hold NaN or an infinity is refused, naming the array. */
class NonFiniteWeightsTest {
  @TempDir Path dir;

  /** The saved model with one value of {@code array} replaced, checksums and seal made right. */
  private Path withValue(Model model, String array, float value) throws IOException {
    Path file = dir.resolve("model.softclass");
    model.save(file);
    Map<String, byte[]> entries = ArchiveRewriter.entries(file);
    List<NamedArray> arrays = new ArrayList<>();
    for (NamedArray a : WeightsCodec.decode(entries.get("weights.bin"))) {
      float[] v = a.values().clone();
      if (a.name().equals(array)) {
        v[v.length - 1] = value;
      }
      arrays.add(new NamedArray(a.name(), a.shape(), v));
    }
    entries.put("weights.bin", WeightsCodec.encode(arrays));
    ArchiveRewriter.resum(entries);
    Path damaged = dir.resolve("damaged.softclass");
    ArchiveRewriter.write(damaged, entries, ArchiveRewriter.Seal.SEALED);
    return damaged;
  }

  @Test
  void nanAndInfinityInStoredArraysAreRefused() throws IOException {
    Model model =
        Classifier.logistic()
            .fit(
                Dataset.of(
                    new double[][] {{0, 1}, {1, 0}, {0, 2}, {2, 0}}, new int[] {0, 1, 0, 1}));
    for (String array : List.of("head.weights", "head.bias", "preprocess.scale")) {
      for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
        Path file = withValue(model, array, bad);
        assertThatThrownBy(() -> Model.load(file))
            .isInstanceOf(ModelFileException.class)
            .hasMessageContaining("damaged.softclass")
            .hasMessageContaining("array '" + array + "' holds " + bad)
            .hasMessageContaining("finite");
      }
    }
  }
}
