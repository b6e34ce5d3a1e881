package dev.softclass.io;

import static dev.softclass.io.ArchiveRewriter.entries;
import static dev.softclass.io.ArchiveRewriter.modelJson;
import static dev.softclass.io.ArchiveRewriter.putModelJson;
import static dev.softclass.io.ArchiveRewriter.sha256;
import static dev.softclass.io.ArchiveRewriter.sums;
import static dev.softclass.io.ArchiveRewriter.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.calibrate.TemperatureScaling;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.LabelEncoder;
import dev.softclass.io.ArchiveRewriter.Seal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Dataset data;
  private static Model model;

  @TempDir Path dir;

  /** Three Gaussian blobs in three named features; classes "bird", "cat", "dog". */
  @BeforeAll
  static void trainTinyModel() {
    Random random = new Random(2024);
    String[] names = {"cat", "dog", "bird"};
    double[][] centres = {{0, 0, 1}, {3, 1, -1}, {-2, 3, 0}};
    int n = 90;
    float[] x = new float[n * 3];
    String[] y = new String[n];
    for (int r = 0; r < n; r++) {
      int k = r % 3;
      y[r] = names[k];
      for (int c = 0; c < 3; c++) {
        x[r * 3 + c] = (float) (centres[k][c] + random.nextGaussian());
      }
    }
    LabelEncoder encoder = LabelEncoder.fit(List.of(y));
    int[] codes = Arrays.stream(y).mapToInt(encoder::indexOf).toArray();
    data =
        new Dataset(
            new DenseMatrix(x, n, 3),
            codes,
            encoder,
            List.of("height", "weight", "age"),
            "blobs",
            null,
            false);
    model = Classifier.logistic().fit(data);
  }

  private Path saved() {
    Path file = dir.resolve("blobs.softclass");
    model.save(file);
    return file;
  }

  private static float[][] probeRows() {
    Random random = new Random(99);
    float[][] rows = new float[500][3];
    for (float[] row : rows) {
      for (int c = 0; c < 3; c++) {
        row[c] = (float) (random.nextGaussian() * 4);
      }
    }
    return rows;
  }

  @Test
  void trainedModelSeparatesTheBlobs() {
    int[] predicted = model.predict(data);
    int right = 0;
    for (int r = 0; r < predicted.length; r++) {
      right += predicted[r] == data.label(r) ? 1 : 0;
    }
    assertThat(right).isGreaterThan(80);
    assertThat(model.classes()).containsExactly("bird", "cat", "dog");
  }

  @Test
  void roundTripIsBitIdentical() throws IOException {
    Path file = saved();

    Model loaded = Model.load(file);

    for (float[] row : probeRows()) {
      assertThat(loaded.predictProba(row)).containsExactly(model.predictProba(row));
    }
    assertThat(loaded.predictProba(data)).isDeepEqualTo(model.predictProba(data));
    assertThat(loaded.classes()).containsExactly("bird", "cat", "dog");
    assertThat(loaded.featureNames()).containsExactly("height", "weight", "age");
    assertThat(loaded.head()).isEqualTo(model.head());
    assertThat(loaded.body()).isEqualTo(model.body());
    assertThat(loaded.outputLayer()).isEqualTo(model.outputLayer());
    assertThat(loaded.transform().mode()).isEqualTo(model.transform().mode());
    assertThat(loaded.transform().center()).containsExactly(model.transform().center());
    assertThat(loaded.transform().scale()).containsExactly(model.transform().scale());
    assertThat(loaded.transform().fill()).containsExactly(model.transform().fill());
    assertThat(loaded.info().provenance()).isEqualTo(model.info().provenance());
    assertThat(loaded.info().metrics()).isEqualTo(model.info().metrics());
    assertThat(loaded.info().training().keySet())
        .containsExactlyElementsOf(model.info().training().keySet());
    assertThat(loaded.info().training())
        .containsEntry("stop_reason", model.info().training().get("stop_reason"))
        .containsEntry("objective", model.info().training().get("objective"))
        .containsEntry("l2", 1e-4);
    assertThat(((Number) loaded.info().training().get("seed")).longValue()).isEqualTo(42L);

    // Saving the loaded model writes exactly the same bytes: nothing was lost on the way.
    Path again = dir.resolve("again.softclass");
    loaded.save(again);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void fileIsAZipWithJsonWeightsAndChecksums() throws IOException {
    Map<String, byte[]> entries = entries(saved());

    assertThat(entries.keySet()).containsExactly("model.json", "weights.bin", "SHA256SUMS");
    assertThat(new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8))
        .isEqualTo(new String(sums(entries), StandardCharsets.UTF_8));
    byte[] weights = entries.get("weights.bin");
    assertThat(Arrays.copyOf(weights, 4)).isEqualTo("SCWB".getBytes(StandardCharsets.US_ASCII));
    ByteBuffer header = ByteBuffer.wrap(weights, 4, 8).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(header.getInt()).isEqualTo(1);
    assertThat(header.getInt()).isEqualTo(5);

    ObjectNode json = modelJson(entries);
    assertThat(json.get("format").asText()).isEqualTo("softclass-model");
    // Without calibration or threshold a model is still written as version 1, for older readers.
    assertThat(json.get("format_version").asInt()).isEqualTo(1);
    assertThat(json.get("task").asText()).isEqualTo("multiclass");
    assertThat(json.at("/head/type").asText()).isEqualTo("softmax");
    assertThat(json.at("/head/outputs").asInt()).isEqualTo(3);
    assertThat(json.at("/features/count").asInt()).isEqualTo(3);
    assertThat(json.at("/arrays/head.weights").toString()).isEqualTo("[3,3]");
    assertThat(json.at("/entries/weights.bin/sha256").asText()).isEqualTo(sha256(weights));
    assertThat(json.at("/entries/weights.bin/bytes").asInt()).isEqualTo(weights.length);
  }

  @Test
  void savingTheSameModelTwiceGivesIdenticalBytes() throws IOException {
    Path a = dir.resolve("a.softclass");
    Path b = dir.resolve("b.softclass");

    model.save(a);
    model.save(b);

    assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
  }

  @Test
  void overwritingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("model.softclass");
    Files.writeString(file, "an older, unrelated file");

    model.save(file);
    model.save(file);

    assertThat(Model.load(file).outputLayer()).isEqualTo(model.outputLayer());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.softclass");
    }
  }

  @Test
  void saveCreatesMissingFolders() {
    Path file = dir.resolve("a/b/m.softclass");

    model.save(file);

    assertThat(Model.load(file).classes()).isEqualTo(model.classes());
  }

  @Test
  void notAZipIsReported() throws IOException {
    Path file = dir.resolve("notes.softclass");
    Files.writeString(file, "these are my notes, not a model\n".repeat(20));

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("notes.softclass")
        .hasMessageContaining("not a Softclass model file")
        .hasMessageContaining("not a readable ZIP");
  }

  @Test
  void emptyFileIsReported() throws IOException {
    Path file = dir.resolve("empty.softclass");
    Files.write(file, new byte[0]);

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("not a readable ZIP");
  }

  @Test
  void truncatedFileIsReported() throws IOException {
    byte[] bytes = Files.readAllBytes(saved());
    Path file = dir.resolve("half.softclass");
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("half.softclass")
        .hasMessageContaining("truncated or corrupt");
  }

  @Test
  void tamperedWeightsFailTheChecksum() throws IOException {
    Map<String, byte[]> entries = entries(saved());
    byte[] weights = entries.get("weights.bin");
    weights[weights.length - 3] ^= 0x10; // a bit of the last float, layout still valid
    Path file = dir.resolve("tampered.softclass");
    write(file, entries, Seal.SEALED);

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("tampered.softclass")
        .hasMessageContaining("weights.bin is corrupt")
        .hasMessageContaining("SHA-256");
  }

  @Test
  void tamperedJsonFailsTheChecksum() throws IOException {
    Map<String, byte[]> entries = entries(saved());
    String json = new String(entries.get("model.json"), StandardCharsets.UTF_8);
    entries.put("model.json", json.replace("\"cat\"", "\"cow\"").getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("renamed.softclass");
    write(file, entries, Seal.SEALED);

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("model.json is corrupt")
        .hasMessageContaining("SHA-256");
  }

  @Test
  void newerFormatVersionAsksForAnUpgrade() throws IOException {
    Map<String, byte[]> entries = entries(saved());
    ObjectNode json = modelJson(entries);
    json.put("format_version", 99);
    putModelJson(entries, json);
    Path file = dir.resolve("future.softclass");
    write(file, entries, Seal.SEALED);

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("future.softclass")
        .hasMessageContaining("version 99 is newer")
        .hasMessageContaining("upgrade Softclass");
  }

  /** The tiny model with temperature scaling: a version-2 file. */
  private Path savedCalibrated() {
    Path file = dir.resolve("calibrated.softclass");
    model.withCalibrator(new TemperatureScaling(1.5)).save(file);
    return file;
  }

  @Test
  void calibratedModelIsWrittenAsVersionTwoWithItsCalibration() throws IOException {
    ObjectNode json = modelJson(savedCalibrated());

    assertThat(json.get("format_version").asInt()).isEqualTo(2);
    assertThat(json.at("/calibration/method").asText()).isEqualTo("temperature");
    assertThat(json.at("/calibration/temperature").asDouble()).isEqualTo(1.5);
    assertThat(Model.load(savedCalibrated()).calibrator()).contains(new TemperatureScaling(1.5));
  }

  @Test
  void calibrationInAVersionOneFileIsRefused() throws IOException {
    // A version-1 reader would ignore the section and predict uncalibrated probabilities, so a
    // file claiming version 1 must not carry one.
    Map<String, byte[]> entries = entries(savedCalibrated());
    ObjectNode json = modelJson(entries);
    json.put("format_version", 1);
    putModelJson(entries, json);
    Path file = dir.resolve("mislabelled.softclass");
    write(file, entries, Seal.SEALED);

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("mislabelled.softclass")
        .hasMessageContaining("'calibration' section, which needs format version 2");
  }

  @Test
  void badCalibrationSectionsAreReported() throws IOException {
    String[][] cases = {
      {"{\"method\": \"magic\"}", "unknown calibration method 'magic'"},
      {"{\"method\": \"temperature\", \"temperature\": -1}", "bad calibration"},
      {"{\"method\": \"platt\", \"a\": 1}", "lacks the number 'b'"},
      {
        "{\"method\": \"isotonic\", \"maps\": [{\"x\": [1, 0], \"y\": [0, 1]}]}", "increasing order"
      },
    };
    for (String[] c : cases) {
      Map<String, byte[]> entries = entries(savedCalibrated());
      ObjectNode json = modelJson(entries);
      json.set("calibration", JSON.readTree(c[0]));
      putModelJson(entries, json);
      Path file = dir.resolve("bad.softclass");
      write(file, entries, Seal.SEALED);

      assertThatThrownBy(() -> Model.load(file))
          .as(c[0])
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining("bad.softclass")
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void rewrittenButConsistentArchiveStillLoads() throws IOException {
    // Guards the tests that rewrite archives: re-zipping with fixed checksums alone is harmless.
    Map<String, byte[]> entries = entries(saved());
    ObjectNode json = modelJson(entries);
    putModelJson(entries, json);
    Path file = dir.resolve("rezipped.softclass");
    write(file, entries, Seal.SEALED);

    assertThat(Model.load(file).outputLayer()).isEqualTo(model.outputLayer());
  }

  @Test
  void missingFileIsReported() {
    Path file = dir.resolve("nowhere.softclass");

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("nowhere.softclass")
        .hasMessageContaining("no such model file");
  }

  @Test
  void folderIsReported() {
    assertThatThrownBy(() -> Model.load(dir))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("is a folder");
  }

  @Test
  void featureListThatDisagreesWithTheArraysFailsTheShapeCheck() throws IOException {
    Map<String, byte[]> entries = entries(saved());
    ObjectNode json = modelJson(entries);
    ObjectNode features = (ObjectNode) json.get("features");
    ((ArrayNode) features.get("names")).remove(2);
    features.put("count", 2);
    ((ObjectNode) json.get("arrays")).putArray("preprocess.center").add(2);
    putModelJson(entries, json);
    Path file = dir.resolve("shape.softclass");
    write(file, entries, Seal.SEALED);

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("shape.softclass")
        .hasMessageContaining("array 'preprocess.center' has shape [3]")
        .hasMessageContaining("model.json implies [2]");
  }

  @Test
  void headOutputsThatDisagreeWithClassesAreRefused() throws IOException {
    Map<String, byte[]> entries = entries(saved());
    ObjectNode json = modelJson(entries);
    ((ArrayNode) json.get("classes")).add("eel");
    putModelJson(entries, json);
    Path file = dir.resolve("classes.softclass");
    write(file, entries, Seal.SEALED);

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("softmax head needs one output per class")
        .hasMessageContaining("3 outputs for 4 classes");
  }

  @Test
  void missingChecksumEntryIsReported() throws IOException {
    Map<String, byte[]> entries = entries(saved());
    entries.remove("SHA256SUMS");
    Path file = dir.resolve("nosums.softclass");
    write(file, entries, Seal.SEALED);

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("the archive has no SHA256SUMS");
  }

  @Test
  void otherZipArchiveIsNotAModel() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("other.zip");
    write(file, entries, Seal.SEALED);

    assertThatThrownBy(() -> Model.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("the archive has no model.json");
  }

  @Test
  void binaryModelRoundTripsWithItsSigmoidHead() throws IOException {
    Random random = new Random(5);
    List<double[]> rows = new ArrayList<>();
    int[] y = new int[60];
    for (int r = 0; r < 60; r++) {
      y[r] = r % 2;
      rows.add(new double[] {random.nextGaussian() + 2 * y[r], random.nextGaussian()});
    }
    Model binary = Classifier.logistic().fit(Dataset.of(rows.toArray(new double[0][]), y));
    Path file = dir.resolve("binary.softclass");

    binary.save(file);
    Model loaded = Model.load(file);

    assertThat(loaded.head().name()).isEqualTo("sigmoid");
    assertThat(loaded.task()).isEqualTo("binary");
    for (double[] row : rows) {
      assertThat(loaded.predictProba(row)).containsExactly(binary.predictProba(row));
    }
  }
}
