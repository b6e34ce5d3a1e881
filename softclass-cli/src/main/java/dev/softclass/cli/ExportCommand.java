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
    OnnxExporter exporter = OnnxExporter.standard();
    ModelProto proto = exporter.convert(m);
    OnnxExporter.write(proto, output);
    Map<String, Object> r = reportHeader();
    r.put("input", OnnxExporter.INPUT);
    r.put("features", m.numFeatures());
    List<String> categorical = ColumnEncoderConverter.categoricalColumns(m.columns());
    if (!categorical.isEmpty()) {
      r.put("categories_input", OnnxExporter.CATEGORIES);
      r.put("categorical_columns", categorical);
    }
    r.put("classes", m.classes());
    r.put("nodes", proto.getGraph().getNodeCount());
    r.put("bytes", proto.getSerializedSize());
    print(
        r,
        "wrote "
            + output
            + ": ONNX opset "
            + OnnxExporter.OPSET
            + ", input '"
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
                    + ")")
            + ", outputs 'label' and 'probabilities' ("
            + m.classes().size()
            + " classes), "
            + proto.getGraph().getNodeCount()
            + " nodes, "
            + proto.getSerializedSize()
            + " bytes");
    return 0;
  }

  private Integer exportText(TextModel m) {
    ModelProto proto = TextOnnxExporter.convert(m);
    OnnxExporter.write(proto, output);
    Map<String, Object> r = reportHeader();
    r.put("input", TextOnnxExporter.IDS);
    r.put("head", m.head().name());
    r.put("probability_kind", m.probabilityKind());
    r.put("classes", m.classes());
    r.put("nodes", proto.getGraph().getNodeCount());
    r.put("bytes", proto.getSerializedSize());
    print(
        r,
        "wrote "
            + output
            + ": ONNX opset "
            + OnnxExporter.OPSET
            + ", input '"
            + TextOnnxExporter.IDS
            + "' int64 [N, L] token ids padded with -1 (see softclass tokenize), outputs"
            + " 'label' and 'probabilities' ("
            + m.classes().size()
            + " classes, "
            + m.head().name()
            + " head), "
            + proto.getGraph().getNodeCount()
            + " nodes, "
            + proto.getSerializedSize()
            + " bytes");
    return 0;
  }

  /** The keys every export report starts with: the file, the format and the ONNX versions. */
  private Map<String, Object> reportHeader() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("output", output.toString());
    r.put("format", "onnx");
    r.put("opset", OnnxExporter.OPSET);
    r.put("ir_version", OnnxExporter.IR_VERSION);
    return r;
  }

  /** Prints the report as JSON with {@code --json}, else the one-line {@code text}. */
  private void print(Map<String, Object> report, String text) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? Json.write(report) : text);
  }
}
