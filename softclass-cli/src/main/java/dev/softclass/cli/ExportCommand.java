package dev.softclass.cli;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.io.TextModelFile;
import dev.softclass.onnx.OnnxExporter;
import dev.softclass.onnx.TextOnnxExporter;
import dev.softclass.onnx.convert.ColumnEncoderConverter;
import dev.softclass.onnx.proto.Onnx.ModelProto;
import dev.softclass.text.TextModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass export}: write a model in another format (ONNX). */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export a model for other runtimes. ONNX: one input 'features' (float32 [N, number of"
          + " features], raw values in the model's feature order, NaN for a missing value) and"
          + " the outputs 'label' (class names) and 'probabilities' (float32 [N, classes]), as"
          + " sklearn-onnx's classifiers (a multi-label model's 'label' is an int64 [N, labels]"
          + " matrix, 1 for each chosen label); the saved preprocessing, calibration and decision"
          + " threshold are part of the graph. A model with categorical columns has a second"
          + " input 'categories' (string [N, categorical columns], empty for missing; an unknown"
          + " category sets none of its one-hot inputs). A text model takes 'ids' (int64 [N, L]"
          + " embedding-row ids padded with -1, as 'softclass tokenize' prints them). Opset "
          + OnnxExporter.OPSET
          + " of the default ai.onnx domain, plus ai.onnx.ml "
          + OnnxExporter.ML_OPSET
          + " for categorical columns (ONNX Runtime 1.13 or newer); see docs/onnx.md."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "M", description = "Model file.")
  Path model;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "onnx",
      description = "Format to write: onnx.")
  String format;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT",
      description = "Where to write the exported model (written atomically).")
  Path output;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (!format.toLowerCase(Locale.ROOT).equals("onnx")) {
      throw new SoftclassException("unknown export format '" + format + "': expected onnx");
    }
    if (TextModelFile.isTextModel(model)) {
      return exportText(TextModel.load(model));
    }
    Model m = Model.load(model);
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("input", OnnxExporter.INPUT);
    keys.put("features", m.numFeatures());
    List<String> categorical = ColumnEncoderConverter.categoricalColumns(m.columns());
    if (!categorical.isEmpty()) {
      keys.put("categories_input", OnnxExporter.CATEGORIES);
      keys.put("categorical_columns", categorical);
    }
    return write(
        OnnxExporter.standard().convert(m),
        keys,
        m.classes(),
        "input '"
            + OnnxExporter.INPUT
            + "' float32 [N, "
            + m.numFeatures()
            + "]"
            + (categorical.isEmpty()
                ? ""
                : ", input '"
                    + OnnxExporter.CATEGORIES
                    + "' string [N, "
                    + categorical.size()
                    + "] ("
                    + String.join(", ", categorical)
                    + ")"),
        "");
  }

  private Integer exportText(TextModel m) {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("input", TextOnnxExporter.IDS);
    keys.put("head", m.head().name());
    keys.put("probability_kind", m.probabilityKind());
    return write(
        TextOnnxExporter.convert(m),
        keys,
        m.classes(),
        "input '"
            + TextOnnxExporter.IDS
            + "' int64 [N, L] token ids padded with -1 (see softclass tokenize)",
        ", " + m.head().name() + " head");
  }

  /**
   * Writes {@code proto} to {@code --output} and prints the report: with {@code --json} the file,
   * the format and the ONNX versions, then {@code keys}, the classes, the node count and the size;
   * else one line naming the {@code inputs} and the number of classes (followed by {@code
   * classNote}).
   */
  private Integer write(
      ModelProto proto,
      Map<String, Object> keys,
      List<String> classes,
      String inputs,
      String classNote) {
    OnnxExporter.write(proto, output);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("output", output.toString());
    r.put("format", "onnx");
    r.put("opset", OnnxExporter.OPSET);
    r.put("ir_version", OnnxExporter.IR_VERSION);
    r.putAll(keys);
    r.put("classes", classes);
    r.put("nodes", proto.getGraph().getNodeCount());
    r.put("bytes", proto.getSerializedSize());
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        json
            ? Json.write(r)
            : "wrote "
                + output
                + ": ONNX opset "
                + OnnxExporter.OPSET
                + ", "
                + inputs
                + ", outputs 'label' and 'probabilities' ("
                + classes.size()
                + " classes"
                + classNote
                + "), "
                + proto.getGraph().getNodeCount()
                + " nodes, "
                + proto.getSerializedSize()
                + " bytes");
    return 0;
  }
}
