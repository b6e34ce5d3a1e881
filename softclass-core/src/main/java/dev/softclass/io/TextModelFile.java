package dev.softclass.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.ModelInfo;
import dev.softclass.body.EmbeddingBagBody;
import dev.softclass.data.LabelEncoder;
import dev.softclass.head.ClassSampler;
import dev.softclass.head.FullSoftmaxHead;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.head.NegativeSamplingHead;
import dev.softclass.head.OneVsAllHead;
import dev.softclass.head.SampledSoftmaxHead;
import dev.softclass.head.SgdHead;
import dev.softclass.preprocess.text.TextFeatures;
import dev.softclass.preprocess.text.TextNormalization;
import dev.softclass.preprocess.text.Tokenizer;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextModelDescription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A text model in the {@code .softclass} ZIP format (see {@link ModelFile}): {@code model.json}
 * says {@code "model_type": "text"} and holds the classes, the tokenizer and n-gram settings with
 * the vocabulary, the body and head settings, and an optional {@code calibration} ({@code
 * {"method": "temperature", "temperature": T}} or {@code {"method": "temperature-bias",
 * "temperature": T, "bias": [b_0, ...]}} with one bias per class in class order, written only for a
 * calibrated model, so older readers of uncalibrated models are unaffected); {@code weights.bin}
 * holds {@code body.embeddings} (rows x dim), {@code head.weights} (head rows x dim) and {@code
 * head.class_counts} (the training count of each class, from which samplers and the Huffman tree
 * are rebuilt exactly).
 *
 * <p>Format version 5 may store only the embedding rows that training changed: {@code model.json}'s
 * {@code body.initial_rows} then gives the seed of the others ({@code body.EmbeddingInit}
 * regenerates them bit for bit), {@code body.embeddings} is {@code stored x dim} and {@code
 * body.stored_rows} lists the stored rows, ascending. That layout is written when it is the smaller
 * one and the matrix has at most 2^24 rows (float32 holds their indices exactly); otherwise the
 * whole matrix is stored. Version 4 (one above the column-encoder models' 3) stores the whole
 * matrix and still loads; readers older than text models refuse both.
 *
 * <p>A multi-label text model (one-vs-all sigmoids trained on lines with several labels) says
 * {@code "task": "multilabel"} and has the {@code label_decision} section of a multi-label table
 * model ({@link LabelDecisionJson}); it is written as format version {@value #MULTI_LABEL_VERSION}
 * (otherwise as version 5), so that readers that know nothing of label sets refuse it instead of
 * serving its sigmoid scores as single-label predictions.
 *
 * <p>{@code text.normalization} names the tokenizer's Unicode normalisation ({@code "nfc"}, {@code
 * "nfkc"} or {@code "none"}, see {@link TextNormalization}); an unknown value is refused. It is
 * written for every model, NFC included, so that the file says how to tokenise without relying on a
 * default remembered in code (tools that tokenise outside Softclass, such as the ONNX recipe in
 * docs/onnx.md, read it here), and a missing field has one meaning only, a file written before the
 * field existed; those were all trained with NFC, and read as {@code "nfc"}. Readers before the
 * field ignore it and would tokenise an nfkc or none model with NFC, silently differently for text
 * that NFC changes; so such a model is written as format version {@value #NORMALIZATION_VERSION},
 * which they refuse ({@link #versionFor}: every file gets the lowest version that holds it, so NFC
 * models stay readable by them). Version {@value #NORMALIZATION_VERSION} may be single- or
 * multi-label. Files of versions 5 and 6 with another normalisation (written for a while before
 * version {@value #NORMALIZATION_VERSION}) still load.
 */
public final class TextModelFile {
  /** The value of {@link #TYPE_FIELD} for text models. */
  public static final String TYPE = "text";

  /** The {@code model.json} field naming the model type. */
  public static final String TYPE_FIELD = "model_type";

  /** The format version of single-label text models written now with NFC normalisation. */
  public static final int VERSION = 5;

  /** The format version of multi-label text models: version 5 with a {@code label_decision}. */
  public static final int MULTI_LABEL_VERSION = 6;

  /**
   * The format version of text models whose tokenizer normalises otherwise than NFC ({@code
   * text.normalization} "nfkc" or "none"), single- or multi-label: readers that know nothing of the
   * field refuse them instead of tokenising with NFC.
   */
  public static final int NORMALIZATION_VERSION = 7;

  /** The first text model format version, which stores the whole embedding matrix. */
  static final int WHOLE_MATRIX_VERSION = 4;

  /** The name of {@link dev.softclass.body.EmbeddingInit}'s initialisation in model files. */
  private static final String INIT_KIND = "uniform_splitmix64";

  /** Row indices up to this are exact in float32. */
  private static final int MAX_STORED_ROW_INDEX = 1 << 24;

  private TextModelFile() {}

  /**
   * Whether {@code file} is a model archive whose {@code model.json} names a text model. Reads only
   * {@code model.json}, without checking anything: loading the model checks the whole file, and
   * gives the error for a file that is not a model at all.
   */
  public static boolean isTextModel(Path file) {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      java.util.zip.ZipEntry entry = zip.getEntry(ModelFile.MODEL_JSON);
      if (entry == null) {
        return false;
      }
      try (java.io.InputStream in = zip.getInputStream(entry)) {
        com.fasterxml.jackson.core.JsonParser p =
            new com.fasterxml.jackson.core.JsonFactory().createParser(in);
        // The type is written before the vocabulary, so stop at the first top-level field of
        // that name instead of parsing megabytes of words.
        int depth = 0;
        for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t.isStructStart()) {
            depth++;
          } else if (t.isStructEnd()) {
            depth--;
          } else if (depth == 1
              && t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
              && TYPE_FIELD.equals(p.currentName())) {
            return TYPE.equals(p.nextTextValue());
          }
        }
        return false;
      }
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Writes the model atomically. */
  public static void write(TextModel model, Path file) {
    EmbeddingBagBody body = model.body();
    SgdHead head = model.head();
    double[] counts = counts(head);
    float[] countValues = new float[counts.length];
    for (int c = 0; c < counts.length; c++) {
      countValues[c] = (float) counts[c];
    }
    List<NamedArray> arrays = new ArrayList<>();
    // Stored rows cost their values and their index: worth it only when fewer bytes result.
    boolean initialRows =
        body.hasInitialRows()
            && body.rows() <= MAX_STORED_ROW_INDEX
            && (long) body.storedValues().length / body.dim() * (body.dim() + 1)
                < (long) body.rows() * body.dim();
    Map<String, Object> bodyJson = new LinkedHashMap<>();
    bodyJson.put("type", body.name());
    bodyJson.put("dim", body.dim());
    bodyJson.put("rows", body.rows());
    if (initialRows) {
      int[] stored = body.storedRows();
      float[] rowValues = new float[stored.length];
      for (int i = 0; i < stored.length; i++) {
        rowValues[i] = stored[i];
      }
      bodyJson.put(
          "initial_rows",
          Map.of("init", INIT_KIND, "seed", body.initSeed(), "stored", stored.length));
      arrays.add(
          new NamedArray(
              "body.embeddings", new int[] {stored.length, body.dim()}, body.storedValues()));
      arrays.add(new NamedArray("body.stored_rows", new int[] {stored.length}, rowValues));
    } else {
      arrays.add(
          new NamedArray(
              "body.embeddings", new int[] {body.rows(), body.dim()}, body.embeddings()));
    }
    arrays.add(
        new NamedArray("head.weights", new int[] {head.numRows(), head.dim()}, model.output()));
    arrays.add(new NamedArray("head.class_counts", new int[] {counts.length}, countValues));
    byte[] weights = WeightsCodec.encode(arrays);
    // Hashed while the rest of model.json (the vocabulary) is serialised.
    BackgroundSha256 weightsSha256 = new BackgroundSha256(weights);

    TextFeatures f = model.features();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", ModelFile.FORMAT);
    m.put("format_version", versionFor(model));
    m.put(TYPE_FIELD, TYPE);
    m.put("task", model.task());
    m.put("classes", model.classes());
    model.labelDecision().ifPresent(d -> m.put("label_decision", LabelDecisionJson.write(d)));
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("lowercase", f.tokenizer().lowercase());
    text.put("normalization", f.tokenizer().normalization().id());
    text.put("buckets", f.buckets());
    text.put("minn", f.minn());
    text.put("maxn", f.maxn());
    text.put("word_ngrams", f.wordNgrams());
    text.put("vocabulary", f.words());
    m.put("text", text);
    m.put("body", bodyJson);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("type", head.name());
    h.put("rows", head.numRows());
    h.put("probabilities", model.probabilityKind());
    if (head instanceof SampledSoftmaxHead s) {
      h.put("neg", s.numSampled());
      h.put("sampler", s.sampler().kind().id());
    } else if (head instanceof NegativeSamplingHead ns) {
      h.put("neg", ns.neg());
      h.put("sampler", ns.sampler().kind().id());
      h.put("softmax_at_prediction", ns.softmaxAtPrediction());
    }
    m.put("head", h);
    if (model.isCalibrated()) {
      m.put("calibration", TextModelDescription.calibration(model));
    }
    m.put("training", model.info().training());
    m.put("metrics", model.info().metrics());
    m.put("provenance", model.info().provenance());
    ModelFile.describeWeights(m, arrays, weights, weightsSha256);
    ModelFile.writeArchive(file, m, weights, false);
  }

  private static double[] counts(SgdHead head) {
    if (head instanceof HierarchicalSoftmaxHead hs) {
      return hs.counts();
    }
    if (head instanceof SampledSoftmaxHead s) {
      return s.counts();
    }
    if (head instanceof NegativeSamplingHead ns) {
      return ns.counts();
    }
    return new double[head.numClasses()];
  }

  /**
   * The format version {@code model} is written as: the lowest that holds it, so that a reader that
   * would misread the model refuses it ({@value #NORMALIZATION_VERSION} for a normalisation other
   * than NFC, {@value #MULTI_LABEL_VERSION} for multi-label, else {@value #VERSION}).
   */
  public static int versionFor(TextModel model) {
    if (model.features().tokenizer().normalization() != TextNormalization.NFC) {
      return NORMALIZATION_VERSION;
    }
    return model.isMultiLabel() ? MULTI_LABEL_VERSION : VERSION;
  }

  /**
   * Reads a text model, checking checksums, version and every shape.
   *
   * @throws ModelFileException saying what is wrong
   */
  public static TextModel read(Path file) {
    VocabularyJson json = new VocabularyJson(file.toString());
    return ModelFile.readArchive(file, json::read, archive -> read(archive, json.vocabulary()));
  }

  /**
   * The model of an archive whose {@code model.json} was read by {@link VocabularyJson}.
   *
   * @param vocabulary the words of {@code text.vocabulary}, or null if it has none
   */
  private static TextModel read(ModelFile.Archive archive, List<String> vocabulary) {
    String name = archive.name();
    JsonNode root = archive.root();
    if (!TYPE.equals(root.path(TYPE_FIELD).asText())) {
      throw new ModelFileException(name, "is not a text model");
    }
    int version = root.path("format_version").asInt(-1);
    if (version < WHOLE_MATRIX_VERSION || version > NORMALIZATION_VERSION) {
      throw new ModelFileException(
          name,
          "text model format version "
              + version
              + " is not one this Softclass reads ("
              + WHOLE_MATRIX_VERSION
              + " to "
              + NORMALIZATION_VERSION
              + ")");
    }
    JsonNode decision = root.get("label_decision");
    boolean hasDecision = decision != null && !decision.isNull();
    if (version != NORMALIZATION_VERSION && (version == MULTI_LABEL_VERSION) != hasDecision) {
      throw new ModelFileException(
          name,
          "text model format version "
              + version
              + (version == MULTI_LABEL_VERSION
                  ? " is a multi-label model and needs a 'label_decision'"
                  : " cannot have a 'label_decision' (multi-label text models are version "
                      + MULTI_LABEL_VERSION
                      + " or "
                      + NORMALIZATION_VERSION
                      + ")"));
    }
    try {
      List<String> classes = strings(name, root, "classes");
      JsonNode text = root.path("text");
      TextFeatures features =
          new TextFeatures(
              new Tokenizer(text.path("lowercase").asBoolean(false), normalization(name, text)),
              vocabulary(name, vocabulary),
              integer(name, text, "buckets"),
              integer(name, text, "minn"),
              integer(name, text, "maxn"),
              integer(name, text, "word_ngrams"));
      JsonNode b = root.path("body");
      int dim = integer(name, b, "dim");
      int rows = integer(name, b, "rows");
      EmbeddingBagBody body = body(name, archive, b, rows, dim);
      float[] countValues =
          NamedArray.require(name, archive.arrays(), "head.class_counts", classes.size()).values();
      double[] counts = new double[countValues.length];
      for (int c = 0; c < counts.length; c++) {
        counts[c] = countValues[c];
      }
      SgdHead head = head(name, root.path("head"), counts, dim);
      float[] output =
          NamedArray.require(name, archive.arrays(), "head.weights", head.numRows(), dim).values();
      ModelInfo info =
          new ModelInfo(
              ModelFile.ModelJson.map(root, "training"),
              ModelFile.ModelJson.map(root, "metrics"),
              ModelFile.ModelJson.map(root, "provenance"));
      return new TextModel(
          LabelEncoder.ofClasses(classes),
          features,
          body,
          head,
          output,
          info,
          temperature(name, root.path("calibration")),
          classBias(name, root.path("calibration"), classes.size()),
          hasDecision ? LabelDecisionJson.read(name, decision) : null);
    } catch (IllegalArgumentException | dev.softclass.SoftclassException e) {
      if (e instanceof ModelFileException mfe) {
        throw mfe;
      }
      throw new ModelFileException(name, "inconsistent text model: " + e.getMessage(), e);
    }
  }

  /**
   * The tokenizer's normalisation: NFC for files written before {@code text.normalization} existed
   * (they were all trained with it).
   */
  private static TextNormalization normalization(String file, JsonNode text) {
    JsonNode v = text.get("normalization");
    if (v == null) {
      return TextNormalization.NFC;
    }
    if (v.isTextual()) {
      Optional<TextNormalization> n = TextNormalization.ofId(v.asText());
      if (n.isPresent()) {
        return n.get();
      }
    }
    throw new ModelFileException(
        file,
        "model.json 'text.normalization' is "
            + v
            + ", expected \"nfc\", \"nfkc\" or \"none\" (a model from a newer Softclass?)");
  }

  private static EmbeddingBagBody body(
      String file, ModelFile.Archive archive, JsonNode b, int rows, int dim) {
    JsonNode initial = b.get("initial_rows");
    if (initial == null) {
      return new EmbeddingBagBody(
          rows,
          dim,
          NamedArray.require(file, archive.arrays(), "body.embeddings", rows, dim).values());
    }
    if (!INIT_KIND.equals(initial.path("init").asText())) {
      throw new ModelFileException(
          file, "unknown embedding initialisation '" + initial.path("init").asText() + "'");
    }
    JsonNode seed = initial.get("seed");
    if (seed == null || !seed.canConvertToLong()) {
      throw new ModelFileException(file, "model.json lacks the integer field 'seed'");
    }
    int stored = integer(file, initial, "stored");
    float[] rowValues =
        NamedArray.require(file, archive.arrays(), "body.stored_rows", stored).values();
    int[] storedRows = new int[stored];
    for (int i = 0; i < stored; i++) {
      float v = rowValues[i];
      if (!(v >= 0 && v < rows) || v != Math.rint(v)) {
        throw new ModelFileException(
            file, "body.stored_rows holds " + v + ", which is not a row of " + rows);
      }
      storedRows[i] = (int) v;
    }
    return EmbeddingBagBody.withInitialRows(
        rows,
        dim,
        seed.asLong(),
        storedRows,
        NamedArray.require(file, archive.arrays(), "body.embeddings", stored, dim).values());
  }

  private static SgdHead head(String file, JsonNode node, double[] counts, int dim) {
    String type = node.path("type").asText();
    int k = counts.length;
    return switch (type) {
      case "softmax" -> new FullSoftmaxHead(k, dim);
      case "ova" -> new OneVsAllHead(k, dim);
      case "hs" -> new HierarchicalSoftmaxHead(counts, dim);
      case "sampled" ->
          new SampledSoftmaxHead(k, dim, integer(file, node, "neg"), sampler(file, node, counts));
      case "ns" ->
          new NegativeSamplingHead(
              k,
              dim,
              integer(file, node, "neg"),
              sampler(file, node, counts),
              node.path("softmax_at_prediction").asBoolean(false));
      default -> throw new ModelFileException(file, "unknown text head type '" + type + "'");
    };
  }

  /** The temperature of an optional {@code calibration} object; 1 when there is none. */
  private static double temperature(String file, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return 1;
    }
    JsonNode t = node.get("temperature");
    String method = node.path("method").asText();
    if (!("temperature".equals(method) || "temperature-bias".equals(method))
        || t == null
        || !t.isNumber()
        || !(t.asDouble() > 0 && Double.isFinite(t.asDouble()))) {
      throw new ModelFileException(
          file,
          "model.json 'calibration' must be {\"method\": \"temperature\", \"temperature\": T}"
              + " or {\"method\": \"temperature-bias\", \"temperature\": T, \"bias\": [...]}"
              + " with a finite T > 0");
    }
    return t.asDouble();
  }

  /** The class bias of a {@code temperature-bias} calibration; null for any other. */
  private static double[] classBias(String file, JsonNode node, int numClasses) {
    if (!"temperature-bias".equals(node.path("method").asText())) {
      return null;
    }
    JsonNode b = node.get("bias");
    if (b == null || !b.isArray() || b.size() != numClasses) {
      throw new ModelFileException(
          file,
          "model.json 'calibration.bias' must be an array of "
              + numClasses
              + " numbers (one per class), got "
              + (b == null ? "none" : b.isArray() ? b.size() + " values" : b.getNodeType()));
    }
    double[] bias = new double[numClasses];
    for (int k = 0; k < numClasses; k++) {
      JsonNode v = b.get(k);
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        throw new ModelFileException(
            file, "model.json 'calibration.bias[" + k + "]' must be a finite number, got " + v);
      }
      bias[k] = v.asDouble();
    }
    return bias;
  }

  private static ClassSampler sampler(String file, JsonNode node, double[] counts) {
    return new ClassSampler(ClassSampler.Kind.parse(node.path("sampler").asText()), counts);
  }

  private static int integer(String file, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isInt()) {
      throw new ModelFileException(file, "model.json lacks the integer field '" + field + "'");
    }
    return v.asInt();
  }

  private static List<String> vocabulary(String file, List<String> vocabulary) {
    if (vocabulary == null) {
      throw new ModelFileException(
          file, "model.json lacks the list '" + VocabularyJson.VOCABULARY + "'");
    }
    return vocabulary;
  }

  private static List<String> strings(String file, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new ModelFileException(file, "model.json lacks the list '" + field + "'");
    }
    List<String> out = new ArrayList<>(v.size());
    v.forEach(e -> out.add(e.asText()));
    return out;
  }
}
