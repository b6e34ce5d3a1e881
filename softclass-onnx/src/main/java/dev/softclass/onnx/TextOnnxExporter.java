package dev.softclass.onnx;

import static dev.softclass.onnx.OnnxGraph.attr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.Version;
import dev.softclass.body.EmbeddingBagBody;
import dev.softclass.onnx.convert.LabelDecisionConverter;
import dev.softclass.onnx.convert.SgdHeadConverter;
import dev.softclass.onnx.proto.Onnx.GraphProto;
import dev.softclass.onnx.proto.Onnx.ModelProto;
import dev.softclass.onnx.proto.Onnx.StringStringEntryProto;
import dev.softclass.onnx.proto.Onnx.TensorProto.DataType;
import dev.softclass.preprocess.text.TextFeatures;
import dev.softclass.text.TextModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a fastText-style {@link TextModel} as an ONNX graph of its embedding bag and head, with
 * token ids as input (the tokenisation, hashing of n-grams included, stays outside the graph:
 * {@code softclass tokenize} prints the ids, and docs/onnx.md spells out the recipe).
 *
 * <p>Input {@value #IDS}: int64 {@code [N, L]}, each row the embedding-row ids of one text as
 * {@link TextFeatures#features} gives them, padded on the right with -1 (any negative id is
 * padding). The graph gathers the rows of the valid ids and takes their mean (zeros for a row with
 * none), multiplies by the output matrix and applies the head exactly (see {@link
 * SgdHeadConverter}). Outputs, as for {@link OnnxExporter}: {@value OnnxExporter#LABEL} (string
 * {@code [N]}, the most probable class, lower index first on a tie; for a multi-label model int64
 * {@code [N, K]}, 1 for each label its decision chooses, as a multi-label table model's) and
 * {@value OnnxExporter#PROBABILITIES} (float32 {@code [N, K]} in {@code model.classes()} order: a
 * distribution for softmax, sampled, hs and ns with softmax; independent sigmoid scores for ova and
 * ns). Default {@code ai.onnx} domain only, opset {@value OnnxExporter#OPSET}.
 *
 * <p>The weights are stored inside the file, and protobuf caps a file at 2 GB: a larger model is
 * refused with an {@link UnsupportedModelException} that says what to lower.
 */
public final class TextOnnxExporter {
  /** Name of the graph input: the token ids. */
  public static final String IDS = "ids";

  /** The largest weight size written (protobuf's 2 GB limit, less room for the rest). */
  static final long MAX_WEIGHT_BYTES = (1L << 31) - (64L << 20);

  private TextOnnxExporter() {}

  /**
   * The text model as an ONNX {@code ModelProto}.
   *
   * @throws UnsupportedModelException if the weights do not fit in one ONNX file
   */
  public static ModelProto convert(TextModel model) {
    EmbeddingBagBody body = model.body();
    checkFits(body.rows(), body.dim(), model.output().length);
    GraphProto.Builder graph = GraphProto.newBuilder().setName("softclass_text");
    OnnxGraph g = new OnnxGraph(graph, IDS, OnnxExporter.LABEL, OnnxExporter.PROBABILITIES);
    String ids = g.input(IDS, DataType.INT64, "N", "L");
    String hidden = meanEmbedding(g, body, ids);
    if (model.isCalibrated()) {
      // TextModel divides the body's output by the temperature (float32), and so every logit
      float inverse = (float) (1 / model.temperature());
      hidden = g.op("Mul", hidden, g.floats("inverse_temperature", new float[] {inverse}));
    }
    String logits =
        g.cast(
            g.node(
                "Gemm",
                List.of(
                    hidden,
                    g.floatsRaw(
                        "output_matrix", model.output(), model.head().numRows(), body.dim())),
                attr("transB", 1)),
            DataType.DOUBLE);
    double[] bias = model.classBias();
    if (bias != null) {
      // temperature-bias calibration: one bias per class added to the scaled logits
      logits = g.op("Add", logits, g.doubles("class_bias", bias, 1, bias.length));
    }
    String probabilities = SgdHeadConverter.probabilities(g, model.head(), logits);
    int k = model.classes().size();
    if (model.isMultiLabel()) {
      // the label set its decision chooses, as a multi-label table model's export gives it
      String chosen =
          LabelDecisionConverter.indicators(
              g, model.labelDecision().orElseThrow(), probabilities, k);
      graph.addNode(OnnxExporter.identity(chosen, OnnxExporter.LABEL));
      graph.addOutput(OnnxGraph.tensorInfo(OnnxExporter.LABEL, DataType.INT64, "N", k));
    } else {
      String best = g.node("ArgMax", List.of(probabilities), attr("axis", 1), attr("keepdims", 0));
      String label = g.op("Gather", g.strings("class_names", model.classes()), best);
      graph.addNode(OnnxExporter.identity(label, OnnxExporter.LABEL));
      graph.addOutput(OnnxGraph.tensorInfo(OnnxExporter.LABEL, DataType.STRING, "N"));
    }
    graph.addNode(
        OnnxExporter.identity(g.cast(probabilities, DataType.FLOAT), OnnxExporter.PROBABILITIES));
    graph.addOutput(
        OnnxGraph.tensorInfo(
            OnnxExporter.PROBABILITIES, DataType.FLOAT, "N", model.classes().size()));
    return OnnxExporter.header(false)
        .setDocString(docString(model))
        .addAllMetadataProps(metadata(model))
        .setGraph(graph)
        .build();
  }

  /**
   * Refuses weights that do not fit in one ONNX file.
   *
   * @throws UnsupportedModelException naming the sizes and what to lower
   */
  static void checkFits(long rows, int dim, long outputValues) {
    long weightBytes = 4L * (rows * dim + outputValues);
    if (weightBytes > MAX_WEIGHT_BYTES) {
      throw new UnsupportedModelException(
          "text model with "
              + rows
              + " embedding rows x "
              + dim
              + " dimensions ("
              + weightBytes / (1 << 20)
              + " MB of weights) cannot be exported to ONNX: one ONNX file holds at most 2 GB"
              + " (protobuf's limit); train with a smaller --bucket or --dim");
    }
  }

  /**
   * Writes the text model as an ONNX file, atomically (temporary file, then rename).
   *
   * @throws UnsupportedModelException if the weights do not fit in one ONNX file
   * @throws dev.softclass.SoftclassException if the file cannot be written
   */
  public static void export(TextModel model, Path file) {
    OnnxExporter.write(convert(model), file);
  }

  /** The mean of the embedding rows of the valid (non-negative) ids of each row: float32 [N, D]. */
  private static String meanEmbedding(OnnxGraph g, EmbeddingBagBody body, String ids) {
    String valid = g.op("GreaterOrEqual", ids, g.longs("zero_id", new long[] {0}));
    String safeIds = g.op("Where", valid, ids, g.longs("padding_row", new long[] {0}));
    String rows =
        g.node(
            "Gather",
            List.of(g.floatsRaw("embeddings", body.embeddings(), body.rows(), body.dim()), safeIds),
            attr("axis", 0));
    String mask = g.cast(valid, DataType.FLOAT);
    String masked = g.op("Mul", rows, g.op("Unsqueeze", mask, g.longs("axes", new long[] {2}, 1)));
    String axis1 = g.longs("axes", new long[] {1}, 1);
    String sum = g.node("ReduceSum", List.of(masked, axis1), attr("keepdims", 0));
    String count = g.node("ReduceSum", List.of(mask, axis1), attr("keepdims", 1));
    // Softclass multiplies the sum by 1/count in float32; so does the graph.
    String inverse = g.op("Reciprocal", g.op("Max", count, g.floats("one", new float[] {1f})));
    return g.op("Mul", sum, inverse);
  }

  private static String docString(TextModel model) {
    TextFeatures f = model.features();
    return "Softclass text model: embedding bag ("
        + model.body().rows()
        + " rows x "
        + model.body().dim()
        + "), "
        + model.head().name()
        + " head ("
        + model.probabilityKind()
        + " probabilities). Input '"
        + IDS
        + "': int64 [N, L] embedding-row ids of each text padded with -1: word ids (vocabulary of "
        + f.words().size()
        + " words, end-of-line token '"
        + TextFeatures.EOS
        + "' included), character n-grams ("
        + f.minn()
        + " to "
        + f.maxn()
        + ") and word n-grams (up to "
        + f.wordNgrams()
        + ") hashed into "
        + f.buckets()
        + " buckets after them; 'softclass tokenize' prints them. Outputs '"
        + OnnxExporter.LABEL
        + (model.isMultiLabel()
            ? "' (int64 [N, K]: 1 for each label the model's decision chooses) and '"
            : "' (class names) and '")
        + OnnxExporter.PROBABILITIES
        + "' (float32 [N, "
        + model.classes().size()
        + "] in the order of metadata 'classes').";
  }

  private static List<StringStringEntryProto> metadata(TextModel model) {
    TextFeatures f = model.features();
    Map<String, Object> tokenizer = new LinkedHashMap<>();
    tokenizer.put("lowercase", f.tokenizer().lowercase());
    tokenizer.put("normalization", f.tokenizer().normalization().id());
    tokenizer.put("vocabulary_size", f.words().size());
    tokenizer.put("buckets", f.buckets());
    tokenizer.put("minn", f.minn());
    tokenizer.put("maxn", f.maxn());
    tokenizer.put("word_ngrams", f.wordNgrams());
    ObjectMapper json = new ObjectMapper();
    try {
      return List.of(
          entry("classes", json.writeValueAsString(model.classes())),
          entry("head", model.head().name()),
          entry("probability_kind", model.probabilityKind()),
          entry("tokenizer", json.writeValueAsString(tokenizer)),
          entry("softclass_version", Version.get()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lists and maps of plain values always serialise", e);
    }
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }
}
