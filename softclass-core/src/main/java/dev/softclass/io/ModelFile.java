package dev.softclass.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.body.Body;
import dev.softclass.calibrate.Calibrator;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.calibrate.Threshold;
import dev.softclass.data.LabelEncoder;
import dev.softclass.head.Head;
import dev.softclass.head.HingeHead;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.OutputLayer;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.preprocess.ColumnEncoder;
import dev.softclass.preprocess.FeatureTransform;
import dev.softclass.preprocess.ScaleMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .softclass} model file: a ZIP archive holding {@code model.json} (format version,
 * task, body, head, classes, features, preprocessing, training settings, metrics, provenance, array
 * shapes, and the SHA-256 of {@code weights.bin}), {@code weights.bin} (named little-endian float32
 * arrays, see {@link WeightsCodec}) and {@code SHA256SUMS} (the SHA-256 of both, in {@code
 * sha256sum} format). Never Java serialisation.
 */
public final class ModelFile {
  /**
   * The newest format version, which this code reads along with every older one. Version 2 adds the
   * {@code calibration}, {@code decision} and (multi-label models) {@code label_decision} sections;
   * a model without them is still written as version 1, so that older readers keep loading it,
   * while one with them is written as version 2, which older readers refuse instead of silently
   * predicting uncalibrated probabilities. Version 3 adds {@code preprocessing.columns} (one-hot
   * encoding, missing indicators, dropped columns; see {@link ColumnsJson}), written only for
   * models that have such steps. Version 4 adds the hinge head (a linear SVM whose {@code head}
   * section carries its loss and Platt parameters), written only for hinge models.
   */
  public static final int FORMAT_VERSION = 4;

  /** The version of files with a hinge head. */
  static final int HINGE_VERSION = 4;

  /** The version of files whose preprocessing has a column encoder ({@code columns} section). */
  static final int COLUMNS_VERSION = 3;

  /** The version of files without calibration or decision threshold. */
  static final int BASE_VERSION = 1;

  static final String FORMAT = "softclass-model";
  static final String MODEL_JSON = "model.json";
  static final String WEIGHTS_BIN = "weights.bin";
  static final String CHECKSUMS = "SHA256SUMS";

  /**
   * The key in {@code model.json} saying that the archive carries an {@link ArchiveSeal}, so that a
   * file whose seal was lost to corruption is refused; files written before seals have neither.
   */
  static final String INTEGRITY = "integrity";

  private static final long MAX_JSON_BYTES = 64L << 20;
  private static final int READ_CHUNK = 1 << 16;
  private static final long MAX_DEFLATE_RATIO = 1032; // deflate's limit: 258 bytes in 2 bits

  /** Writes and reads model.json (one mapper: making one costs milliseconds at start-up). */
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFile() {}

  /**
   * Writes {@code model} to {@code file}: first to a temporary file in the same folder, then
   * renamed over {@code file}, so a crash never leaves a half-written model.
   *
   * @throws SoftclassException if the file cannot be written
   */
  public static void write(Model model, Path file) {
    List<NamedArray> arrays = arraysOf(model);
    byte[] weights = WeightsCodec.encode(arrays);
    writeArchive(file, describe(model, arrays, weights), weights, true);
  }

  /**
   * Writes {@code model.json}, {@code weights.bin} and {@code SHA256SUMS} atomically; {@code
   * weights.bin} is stored uncompressed when {@code compressWeights} is false (large random
   * embedding matrices do not compress, and deflating hundreds of megabytes takes minutes).
   */
  static void writeArchive(
      Path file, Map<String, Object> description, byte[] weights, boolean compressWeights) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(description);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model metadata cannot be written as JSON", e);
    }
    String sums =
        sha256(json)
            + "  "
            + MODEL_JSON
            + "\n"
            + recordedSha256(description, weights)
            + "  "
            + WEIGHTS_BIN
            + "\n";
    AtomicFiles.write(
        file,
        "the model",
        out ->
            ArchiveSeal.write(
                out,
                zip -> {
                  if (!compressWeights) {
                    // Text models: model.json holds the vocabulary (megabytes); the fastest level
                    // deflates it 4-5 times faster than the default for a fifth more bytes.
                    zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
                  }
                  putEntry(zip, MODEL_JSON, json);
                  if (compressWeights) {
                    putEntry(zip, WEIGHTS_BIN, weights);
                  } else {
                    putStoredEntry(zip, WEIGHTS_BIN, weights);
                  }
                  putEntry(zip, CHECKSUMS, sums.getBytes(StandardCharsets.UTF_8));
                }));
  }

  /**
   * The SHA-256 of {@code weights} that the description's {@code entries} records (hashed by the
   * caller from these bytes, in the background), or, if it records none, the hash computed now:
   * large weights are hashed once, not twice.
   */
  private static String recordedSha256(Map<String, Object> description, byte[] weights) {
    if (description.get("entries") instanceof Map<?, ?> entries
        && entries.get(WEIGHTS_BIN) instanceof Map<?, ?> entry
        && entry.get("sha256") instanceof BackgroundSha256 recorded) {
      return recorded.hex();
    }
    return sha256(weights);
  }

  private static void putEntry(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(0); // Same model, same bytes: no timestamps inside the archive.
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }

  private static void putStoredEntry(ZipOutputStream zip, String name, byte[] data)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(0);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }

  private static List<NamedArray> arraysOf(Model model) {
    FeatureTransform t = model.transform();
    int d = t.dim();
    OutputLayer out = model.outputLayer();
    List<NamedArray> arrays = new ArrayList<>();
    arrays.add(new NamedArray("preprocess.center", new int[] {d}, t.center()));
    arrays.add(new NamedArray("preprocess.scale", new int[] {d}, t.scale()));
    arrays.add(new NamedArray("preprocess.fill", new int[] {d}, t.fill()));
    arrays.add(
        new NamedArray("head.weights", new int[] {out.outputs(), out.inputs()}, out.weights()));
    arrays.add(new NamedArray("head.bias", new int[] {out.outputs()}, out.bias()));
    arrays.addAll(BodyCodec.arrays(model.body()));
    return arrays;
  }

  /**
   * The format version {@code model} is written in: 4 if it has a hinge head, else 3 if it has a
   * column encoder, else 2 if it has calibration, a threshold or a label decision (every
   * multi-label model has one), else 1.
   */
  public static int versionFor(Model model) {
    if (model.head() instanceof HingeHead) {
      return HINGE_VERSION;
    }
    if (!model.columns().isIdentity()) {
      return COLUMNS_VERSION;
    }
    return model.calibrator().isPresent()
            || model.threshold().isPresent()
            || model.labelDecision().isPresent()
        ? 2
        : BASE_VERSION;
  }

  private static Map<String, Object> describe(
      Model model, List<NamedArray> arrays, byte[] weights) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("format_version", versionFor(model));
    m.put("task", model.task());
    m.put("classes", model.classes());
    m.put("features", Map.of("count", model.numFeatures(), "names", model.featureNames()));
    Map<String, Object> preprocessing = new LinkedHashMap<>();
    preprocessing.put("scale", model.transform().mode().id());
    if (!model.columns().isIdentity()) {
      preprocessing.put("columns", ColumnsJson.write(model.columns()));
    }
    m.put("preprocessing", preprocessing);
    m.put("body", BodyCodec.describe(model.body()));
    m.put("head", headJson(model.head()));
    m.put("training", model.info().training());
    m.put("metrics", model.info().metrics());
    m.put("provenance", model.info().provenance());
    model.calibrator().ifPresent(c -> m.put("calibration", CalibrationJson.write(c)));
    model.threshold().ifPresent(t -> m.put("decision", CalibrationJson.write(t)));
    model.labelDecision().ifPresent(d -> m.put("label_decision", LabelDecisionJson.write(d)));
    describeWeights(m, arrays, weights, new BackgroundSha256(weights));
    m.put(INTEGRITY, ArchiveSeal.PREFIX);
    return m;
  }

  /**
   * Puts what {@code model.json} says of {@code weights.bin} into {@code m}: the shape of each
   * array ({@code "arrays"}), and the file's size and SHA-256 ({@code "entries"}).
   */
  static void describeWeights(
      Map<String, Object> m, List<NamedArray> arrays, byte[] weights, BackgroundSha256 sha256) {
    Map<String, Object> shapes = new LinkedHashMap<>();
    for (NamedArray a : arrays) {
      shapes.put(a.name(), a.shape());
    }
    m.put("arrays", shapes);
    m.put("entries", Map.of(WEIGHTS_BIN, Map.of("bytes", weights.length, "sha256", sha256)));
  }

  private static Map<String, Object> headJson(Head head) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("type", head.name());
    h.put("outputs", head.numOutputs());
    if (head instanceof HingeHead hinge) {
      h.put("loss", hinge.lossName());
      h.put("platt", Map.of("a", hinge.plattA(), "b", hinge.plattB()));
    }
    return h;
  }

  /**
   * Reads a model, checking the archive, the format version, both checksums and every shape.
   *
   * @throws ModelFileException saying exactly what is wrong with the file
   */
  public static Model read(Path file) {
    return readArchive(
        file,
        JSON::readTree,
        archive -> {
          if (TextModelFile.TYPE.equals(archive.root().path(TextModelFile.TYPE_FIELD).asText())) {
            throw new ModelFileException(
                archive.name(), "is a text model: load it with TextModel.load (the CLI does this)");
          }
          return ModelJson.toModel(archive.name(), archive.root(), archive.arrays());
        });
  }

  /** A model archive: its JSON and its named arrays. */
  record Archive(String name, JsonNode root, Map<String, NamedArray> arrays) {}

  /** Turns the bytes of {@code model.json} into its tree. */
  @FunctionalInterface
  interface JsonReading {
    JsonNode read(byte[] json) throws IOException;
  }

  /**
   * Reads the archive, checks it is one (both entries present, their checksums and the archive's
   * seal right) and builds {@code T} from it with {@code build}. In a large file the seal (a
   * SHA-256 of the whole file) and the checksum of {@code weights.bin} are computed on a second
   * thread while this one parses {@code model.json} and builds the model (see {@link
   * ArchiveChecks}); the first failure in the order the checks are listed in is the one reported,
   * before anything {@code build} made of a corrupt file, so the outcome is that of checking
   * everything first. {@code model.json}'s own checksum is checked before it is parsed.
   */
  static <T> T readArchive(Path file, JsonReading reading, Function<Archive, T> build) {
    String name = file.toString();
    if (!Files.exists(file)) {
      throw new ModelFileException(name, "no such model file");
    }
    if (Files.isDirectory(file)) {
      throw new ModelFileException(name, "is a folder, not a model file");
    }
    try (ArchiveChecks checks = ArchiveChecks.forFile(file);
        ZipFile zip = open(name, file)) {
      String comment = comment(name, zip);
      checks.seal(() -> ArchiveSeal.verify(file, comment));
      // verify is true for an archive with a comment, or fails; false only without one
      boolean sealed = comment != null && !comment.isEmpty();
      return checks.firstFailure(
          name,
          () -> {
            byte[] json;
            byte[] weights;
            byte[] sums;
            try {
              json = entry(zip, name, MODEL_JSON, MAX_JSON_BYTES);
              weights = entry(zip, name, WEIGHTS_BIN, Integer.MAX_VALUE - 16);
              sums = entry(zip, name, CHECKSUMS, 4096);
            } catch (IllegalArgumentException e) {
              throw corrupt(name, e);
            } catch (IOException e) {
              throw unreadable(name, e);
            }
            Map<String, String> expected = checksums(new String(sums, StandardCharsets.UTF_8));
            checkSum(name, MODEL_JSON, expected.get(MODEL_JSON), json);
            checks.weights(() -> checkSum(name, WEIGHTS_BIN, expected.get(WEIGHTS_BIN), weights));
            JsonNode root;
            try {
              root = reading.read(json);
            } catch (IOException e) {
              throw new ModelFileException(
                  name, "model.json is not valid JSON: " + e.getMessage(), e);
            }
            if (!FORMAT.equals(root.path("format").asText())) {
              throw new ModelFileException(name, "model.json does not describe a Softclass model");
            }
            if (root.has(INTEGRITY) && !sealed) {
              throw new ModelFileException(
                  name, "is corrupt: the ZIP comment that seals the archive is missing");
            }
            return build.apply(new Archive(name, root, decode(name, weights)));
          });
    } catch (IOException e) {
      throw unreadable(name, e);
    }
  }

  private static ZipFile open(String name, Path file) throws IOException {
    try {
      return new ZipFile(file.toFile());
    } catch (IllegalArgumentException e) {
      throw corrupt(name, e);
    }
  }

  private static String comment(String name, ZipFile zip) {
    try {
      return zip.getComment();
    } catch (IllegalArgumentException e) { // not UTF-8
      throw corrupt(name, e);
    }
  }

  /** The error of a file whose bytes are not what was written: {@code e} says what differs. */
  static ModelFileException corrupt(String name, IllegalArgumentException e) {
    return new ModelFileException(
        name, "is corrupt: " + e.getMessage() + ". Retrain or copy the model again.", e);
  }

  /** The error of a file that cannot be read as a ZIP archive or at all. */
  static ModelFileException unreadable(String name, IOException e) {
    if (e instanceof ZipException) {
      return new ModelFileException(
          name,
          "not a Softclass model file, or a truncated or corrupt one (it is not a readable ZIP"
              + " archive: "
              + e.getMessage()
              + ")",
          e);
    }
    if (e instanceof NoSuchFileException) {
      return new ModelFileException(name, "no such model file", e);
    }
    return new ModelFileException(name, "cannot be read: " + e.getMessage(), e);
  }

  private static Map<String, NamedArray> decode(String name, byte[] weights) {
    try {
      Map<String, NamedArray> byName = new HashMap<>();
      for (NamedArray a : WeightsCodec.decode(weights)) {
        byName.put(a.name(), a);
      }
      return byName;
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(name, "weights.bin is malformed: " + e.getMessage(), e);
    }
  }

  private static byte[] entry(ZipFile zip, String file, String entryName, long maxBytes)
      throws IOException {
    ZipEntry e = zip.getEntry(entryName);
    if (e == null && zip.getEntry("ensemble.json") != null) {
      throw new ModelFileException(
          file,
          "is an ensemble of models, not a single model: predict, eval and serve take it, this"
              + " command needs one model (unzip members/N.softclass from it for a member)");
    }
    if (e == null) {
      throw new ModelFileException(
          file, "the archive has no " + entryName + ": it is not a Softclass model file");
    }
    if (e.getSize() > maxBytes) {
      throw new ModelFileException(file, entryName + " is implausibly large (" + e.getSize() + ")");
    }
    try (InputStream in = zip.getInputStream(e)) {
      return readAll(in, plausibleSize(e));
    }
  }

  /**
   * The size the archive gives for the entry, or -1 if that is unknown or more than its stored
   * bytes can hold (a corrupt header), so that no array is made for a size that is not there.
   */
  private static long plausibleSize(ZipEntry e) {
    long stored = e.getCompressedSize();
    long bound = e.getMethod() == ZipEntry.STORED ? stored : stored * MAX_DEFLATE_RATIO;
    return stored < 0 || e.getSize() > bound ? -1 : e.getSize();
  }

  /**
   * The bytes of {@code in}, of which the archive says there are {@code size} (-1 if unknown): read
   * into one array of that size, {@value #READ_CHUNK} bytes at a time. {@link
   * InputStream#readAllBytes} reads 8 KiB pieces and copies them together; one read of the whole
   * entry makes the JVM's native file read allocate and fault in a buffer as large as the entry
   * first. Either costs a tenth to a third of a second for a text model's 40 MB of weights, the
   * chunked read a few hundredths. A stream shorter or longer than it said still gives all its
   * bytes, for the checksum to judge.
   */
  private static byte[] readAll(InputStream in, long size) throws IOException {
    if (size < 0 || size > Integer.MAX_VALUE - 16) {
      return in.readAllBytes();
    }
    byte[] data = new byte[(int) size];
    int n = 0;
    while (n < data.length) {
      int read = in.read(data, n, Math.min(READ_CHUNK, data.length - n));
      if (read < 0) {
        return java.util.Arrays.copyOf(data, n);
      }
      n += read;
    }
    byte[] rest = in.readAllBytes();
    if (rest.length == 0) {
      return data;
    }
    byte[] all = java.util.Arrays.copyOf(data, data.length + rest.length);
    System.arraycopy(rest, 0, all, data.length, rest.length);
    return all;
  }

  /** The checksums {@code SHA256SUMS} lists, by entry name ({@code sha256sum}'s layout). */
  private static Map<String, String> checksums(String sums) {
    Map<String, String> expected = new HashMap<>();
    for (String line : sums.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2) {
        expected.put(parts[1], parts[0]);
      }
    }
    return expected;
  }

  private static void checkSum(String file, String entry, String expected, byte[] data) {
    if (expected == null) {
      throw new ModelFileException(file, "SHA256SUMS has no checksum for " + entry);
    }
    String actual = sha256(data);
    if (!actual.equals(expected)) {
      throw new ModelFileException(
          file,
          entry
              + " is corrupt: its SHA-256 is "
              + actual
              + " but the file records "
              + expected
              + ". Retrain or copy the model again.");
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Builds parts of a model from its JSON description; package-private helper of {@link #read}. */
  static final class ModelJson {
    private ModelJson() {}

    static Model toModel(String file, JsonNode root, Map<String, NamedArray> arrays) {
      if (!FORMAT.equals(root.path("format").asText())) {
        throw new ModelFileException(file, "model.json does not describe a Softclass model");
      }
      int version = root.path("format_version").asInt(-1);
      if (version < 1) {
        throw new ModelFileException(file, "model.json has no valid format_version");
      }
      if (version > FORMAT_VERSION) {
        throw new ModelFileException(
            file,
            "model format version "
                + version
                + " is newer than this Softclass reads ("
                + FORMAT_VERSION
                + "): upgrade Softclass to load it");
      }
      requireFinite(file, arrays);
      List<String> classes = strings(file, root, "classes");
      List<String> features = strings(file, root.path("features"), "names");
      // the body reads the inputs the column encoder makes (one-hot columns included)
      int d = columns(file, root, version, features).outputDim();
      Body body = BodyCodec.read(file, root.path("body"), arrays, d);
      Head head = head(file, root.path("head"), classes.size(), version);
      ScaleMode scale;
      try {
        scale = ScaleMode.parse(text(file, root.path("preprocessing"), "scale"));
      } catch (SoftclassException e) {
        throw new ModelFileException(file, "model.json: " + e.getMessage());
      }
      ColumnEncoder columns = columns(file, root, version, features);
      int m = columns.outputDim();
      int k = head.numOutputs();
      int inputs = body.outputDim(m);
      FeatureTransform transform;
      OutputLayer output;
      try {
        transform =
            new FeatureTransform(
                scale,
                NamedArray.require(file, arrays, "preprocess.center", m).values(),
                NamedArray.require(file, arrays, "preprocess.scale", m).values(),
                NamedArray.require(file, arrays, "preprocess.fill", m).values());
        output =
            new OutputLayer(
                k,
                inputs,
                NamedArray.require(file, arrays, "head.weights", k, inputs).values(),
                NamedArray.require(file, arrays, "head.bias", k).values());
        ModelInfo info =
            new ModelInfo(map(root, "training"), map(root, "metrics"), map(root, "provenance"));
        return new Model(
            LabelEncoder.ofClasses(classes),
            features,
            columns,
            transform,
            body,
            head,
            output,
            info,
            calibrator(file, root, version),
            threshold(file, root, version),
            labelDecision(file, root, version));
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(file, "inconsistent model: " + e.getMessage(), e);
      }
    }

    /** Refuses NaN and infinite stored values: no trainer writes them, so the file is damaged. */
    private static void requireFinite(String file, Map<String, NamedArray> arrays) {
      for (NamedArray a : arrays.values()) {
        float[] v = a.values();
        for (int i = 0; i < v.length; i++) {
          if (!Float.isFinite(v[i])) {
            throw new ModelFileException(
                file,
                "array '"
                    + a.name()
                    + "' holds "
                    + v[i]
                    + " at index "
                    + i
                    + ": a model's weights must be finite numbers. Retrain the model.");
          }
        }
      }
    }

    /** The column encoder of a version-3 file, else the identity. */
    private static ColumnEncoder columns(
        String file, JsonNode root, int version, List<String> features) {
      JsonNode node = root.path("preprocessing").get("columns");
      if (node == null || node.isNull()) {
        return ColumnEncoder.identity(features);
      }
      if (version < COLUMNS_VERSION) {
        throw new ModelFileException(
            file,
            "model.json has preprocessing.columns, which needs format version 3; the file says"
                + " version "
                + version);
      }
      return ColumnsJson.read(file, node, features);
    }

    private static Calibrator calibrator(String file, JsonNode root, int version) {
      JsonNode node = section(file, root, "calibration", version);
      return node == null ? null : CalibrationJson.readCalibrator(file, node);
    }

    private static Threshold threshold(String file, JsonNode root, int version) {
      JsonNode node = section(file, root, "decision", version);
      return node == null ? null : CalibrationJson.readThreshold(file, node);
    }

    private static LabelDecision labelDecision(String file, JsonNode root, int version) {
      JsonNode node = section(file, root, "label_decision", version);
      return node == null ? null : LabelDecisionJson.read(file, node);
    }

    /** A version-2 section, or null when absent; version 1 files must not have one. */
    private static JsonNode section(String file, JsonNode root, String name, int version) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
      if (version < 2 || !node.isObject()) {
        throw new ModelFileException(
            file,
            "model.json has a '"
                + name
                + "' section, which needs format version 2 and an object; the file says version "
                + version);
      }
      return node;
    }

    private static Head head(String file, JsonNode node, int classes, int version) {
      String type = text(file, node, "type");
      int outputs = node.path("outputs").asInt(-1);
      switch (type) {
        case "sigmoid":
          if (outputs != 1 || classes != 2) {
            throw new ModelFileException(
                file,
                "a sigmoid head needs 1 output and 2 classes, found "
                    + outputs
                    + " and "
                    + classes);
          }
          return new SigmoidHead();
        case "softmax":
          if (outputs != classes || outputs < 2) {
            throw new ModelFileException(
                file,
                "a softmax head needs one output per class (>= 2), found "
                    + outputs
                    + " outputs for "
                    + classes
                    + " classes");
          }
          return new SoftmaxHead(outputs);
        case IndependentSigmoidHead.NAME:
          if (outputs != classes || outputs < 1) {
            throw new ModelFileException(
                file,
                "a multi-label head needs one output per label (>= 1), found "
                    + outputs
                    + " outputs for "
                    + classes
                    + " labels");
          }
          return new IndependentSigmoidHead(outputs);
        case HingeHead.NAME:
          return hinge(file, node, classes, outputs, version);
        default:
          throw new ModelFileException(file, "unknown head type '" + type + "'");
      }
    }

    private static HingeHead hinge(
        String file, JsonNode node, int classes, int outputs, int version) {
      if (version < HINGE_VERSION) {
        throw new ModelFileException(
            file,
            "model.json has a hinge head, which needs format version 4; the file says version "
                + version);
      }
      if (classes < 2 || outputs != (classes == 2 ? 1 : classes)) {
        throw new ModelFileException(
            file,
            "a hinge head needs one output per class (1 for 2 classes), found "
                + outputs
                + " outputs for "
                + classes
                + " classes");
      }
      String loss = text(file, node, "loss");
      if (!loss.equals("hinge") && !loss.equals("squared_hinge")) {
        throw new ModelFileException(
            file, "the hinge head's loss is '" + loss + "', expected hinge or squared_hinge");
      }
      double[] a = finiteNumbers(file, node.path("platt"), "a", outputs);
      double[] b = finiteNumbers(file, node.path("platt"), "b", outputs);
      return new HingeHead(classes, loss.equals("squared_hinge"), a, b);
    }

    /** The list {@code field} of {@code count} finite numbers. */
    private static double[] finiteNumbers(String file, JsonNode node, String field, int count) {
      JsonNode v = node.get(field);
      if (v == null || !v.isArray() || v.size() != count) {
        throw new ModelFileException(
            file, "model.json: head.platt." + field + " must be a list of " + count + " numbers");
      }
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        JsonNode e = v.get(i);
        if (!e.isNumber() || !Double.isFinite(e.asDouble())) {
          throw new ModelFileException(
              file,
              "model.json: head.platt."
                  + field
                  + "["
                  + i
                  + "] is "
                  + e
                  + ", expected a finite number");
        }
        out[i] = e.asDouble();
      }
      return out;
    }

    private static String text(String file, JsonNode node, String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isTextual()) {
        throw new ModelFileException(file, "model.json lacks the text field '" + field + "'");
      }
      return v.asText();
    }

    private static List<String> strings(String file, JsonNode node, String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.isArray()) {
        throw new ModelFileException(file, "model.json lacks the list '" + field + "'");
      }
      List<String> out = new ArrayList<>();
      v.forEach(e -> out.add(e.asText()));
      return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(JsonNode root, String field) {
      JsonNode v = root.get(field);
      return v == null || !v.isObject() ? Map.of() : JSON.convertValue(v, LinkedHashMap.class);
    }
  }
}
