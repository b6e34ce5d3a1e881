package dev.softclass.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model file whose weights hold NaN or an infinity is refused, naming the array. */
class NonFiniteWeightsTest {
  @TempDir Path dir;

  private static Map<String, byte[]> entries(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> e = zip.entries();
      while (e.hasMoreElements()) {
        ZipEntry entry = e.nextElement();
        try (InputStream in = zip.getInputStream(entry)) {
          out.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return out;
  }

  /** The saved model with one value of {@code array} replaced, checksums and seal made right. */
  private Path withValue(Model model, String array, float value) throws IOException {
    Path file = dir.resolve("model.softclass");
    model.save(file);
    Map<String, byte[]> entries = entries(file);
    List<NamedArray> arrays = new ArrayList<>();
    for (NamedArray a : WeightsCodec.decode(entries.get("weights.bin"))) {
      float[] v = a.values().clone();
      if (a.name().equals(array)) {
        v[v.length - 1] = value;
      }
      arrays.add(new NamedArray(a.name(), a.shape(), v));
    }
    entries.put("weights.bin", WeightsCodec.encode(arrays));
    String sums =
        ModelFile.sha256(entries.get("model.json"))
            + "  model.json\n"
            + ModelFile.sha256(entries.get("weights.bin"))
            + "  weights.bin\n";
    entries.put("SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ArchiveSeal.write(
        bytes,
        zip -> {
          for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey()));
            zip.write(e.getValue());
            zip.closeEntry();
          }
        });
    Path damaged = dir.resolve("damaged.softclass");
    Files.write(damaged, bytes.toByteArray());
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
