package dev.softclass.cli;

import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.head.HingeHead;
import dev.softclass.io.ModelFile;
import dev.softclass.io.TextModelFile;
import dev.softclass.preprocess.ImputeStrategy;
import dev.softclass.preprocess.PipelineExplanation;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextModelDescription;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass inspect}: what a model file holds. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Describe a model: task, body, head, classes, features, preprocessing, calibration,"
            + " decision threshold, training settings, metrics and provenance (a text model: head,"
            + " classes, text features, calibration, training, metrics, provenance).")
final class InspectCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "M", description = "Model file.")
  Path model;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    if (TextModelFile.isTextModel(model)) {
      return inspectText();
    }
    Model m = Model.load(model);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("format_version", ModelFile.versionFor(m));
    d.put("task", m.task());
    d.put("body", m.body().name());
    d.put("head", m.head().name());
    d.put("outputs", m.head().numOutputs());
    if (m.head() instanceof HingeHead hinge) {
      d.put(
          "svm",
          Map.of("loss", hinge.lossName(), "platt_a", hinge.plattA(), "platt_b", hinge.plattB()));
    }
    d.put("classes", m.classes());
    d.put("features", Map.of("count", m.numFeatures(), "names", m.featureNames()));
    ImputeStrategy impute =
        ImputeStrategy.parse(String.valueOf(m.info().training().getOrDefault("impute", "mean")));
    Map<String, Object> preprocessing = new LinkedHashMap<>();
    preprocessing.put("scale", m.transform().mode().id());
    preprocessing.put("impute", impute.id());
    if (!m.columns().isIdentity()) {
      preprocessing.put(
          "columns", PipelineExplanation.describe(m.columns(), m.transform(), impute));
    }
    d.put("preprocessing", preprocessing);
    d.put("training", m.info().training());
    d.put("metrics", m.info().metrics());
    d.put("provenance", m.info().provenance());
    m.calibrator()
        .ifPresent(
            c -> {
              Map<String, Object> cal = new LinkedHashMap<>();
              cal.put("method", c.method().id());
              cal.putAll(CalibrateCommand.parameters(c));
              d.put("calibration", cal);
            });
    m.threshold()
        .ifPresent(
            t -> {
              Map<String, Object> dec = new LinkedHashMap<>();
              dec.put("threshold", t.value());
              dec.put("criterion", t.criterion());
              d.put("decision", dec);
            });
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(d));
      return 0;
    }
    out.println("model         " + model);
    out.println("task          " + m.task());
    out.println("body          " + m.body().name());
    out.println("head          " + m.head().name() + " (" + m.head().numOutputs() + " outputs)");
    if (m.head() instanceof HingeHead hinge) {
      out.println(
          "svm           "
              + hinge.lossName()
              + " loss; Platt a = "
              + java.util.Arrays.toString(hinge.plattA())
              + ", b = "
              + java.util.Arrays.toString(hinge.plattB()));
    }
    out.println("classes       " + m.classes());
    List<String> names = m.featureNames();
    out.println(
        "features      "
            + names.size()
            + " "
            + (names.size() > 8 ? names.subList(0, 8) + "..." : names));
    out.println(
        "preprocessing "
            + m.transform().mode().id()
            + " scaling, missing values -> "
            + impute.id());
    if (!m.columns().isIdentity()) {
      PipelineExplanation.lines(m.columns(), m.transform(), impute).forEach(out::println);
    }
    out.println("format        version " + ModelFile.versionFor(m));
    m.calibrator()
        .ifPresent(
            c ->
                out.println(
                    "calibration   " + c.method().id() + " " + CalibrateCommand.parameters(c)));
    m.threshold()
        .ifPresent(
            t ->
                out.println(
                    "decision      "
                        + m.classes().get(1)
                        + " when p >= "
                        + t.value()
                        + " (chosen by "
                        + t.criterion()
                        + ")"));
    sections(out, m.info());
    return 0;
  }

  /** A text model: what the server's metadata says of it, as JSON or as lines. */
  private int inspectText() {
    TextModel m = TextModel.load(model);
    Map<String, Object> d = new LinkedHashMap<>();
    TextModelDescription.summarise(d, m);
    TextModelDescription.describe(d, m);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(d));
      return 0;
    }
    out.println("model         " + model);
    out.println("task          " + d.get("task") + " (text)");
    out.println(
        "head          "
            + m.head().name()
            + " ("
            + m.probabilityKind()
            + " probabilities), embedding dim "
            + m.body().dim());
    List<String> classes = m.classes();
    out.println(
        "classes       "
            + classes.size()
            + " "
            + (classes.size() > 10 ? classes.subList(0, 10) + "..." : classes));
    out.println("text features " + d.get("text_features"));
    out.println(
        "calibration   "
            + (!m.isCalibrated()
                ? "none"
                : "temperature T = "
                    + m.temperature()
                    + (m.classBias() == null ? "" : ", and a bias per class")));
    sections(out, m.info());
    return 0;
  }

  /** The training settings, metrics and provenance, one section each. */
  private static void sections(PrintWriter out, ModelInfo info) {
    section(out, "training", info.training());
    section(out, "metrics", info.metrics());
    section(out, "provenance", info.provenance());
  }

  private static void section(PrintWriter out, String title, Map<String, Object> values) {
    out.println(title);
    values.forEach((k, v) -> out.println("  " + k + " = " + v));
  }
}
