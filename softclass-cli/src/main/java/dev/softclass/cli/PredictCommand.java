package dev.softclass.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.softclass.Model;
import dev.softclass.Predictor;
import dev.softclass.data.Dataset;
import dev.softclass.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass predict}: class and probabilities for every row, as CSV. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description =
        "Predict every row of a data file. Writes CSV with the header label,p_<class1>,...;"
            + " a label column in the data, if any, is ignored. Probabilities are calibrated and"
            + " the label follows the decision threshold when the model has them (see"
            + " calibrate). For a multi-label model the label column holds the chosen labels"
            + " joined by ';' (by its thresholds, top-k and fallback) and p_<label> every label's"
            + " probability.")
final class PredictCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "M",
      description = "Model or ensemble file.")
  Path model;

  @Mixin DataOptions data;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Where to write the CSV (default: standard output).")
  Path output;

  @Override
  public Integer call() throws IOException {
    Predictor m = Predictor.load(model);
    Dataset rows =
        m.isMultiLabel()
            ? data.readLabelSets(m.encoder(), false)
            : data.read(false).toDataset(m.encoder());
    double[][] probs = m.predictProba(rows);
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      write(m, probs, out);
      out.flush();
      return 0;
    }
    AtomicFiles.write(
        output,
        "the predictions",
        stream -> {
          Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
          write(m, probs, w);
          w.flush();
        });
    return 0;
  }

  private static void write(Predictor m, double[][] probs, Writer w) throws IOException {
    List<String> classes = m.classes();
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
    String[] fields = new String[classes.size() + 1];
    fields[0] = "label";
    for (int c = 0; c < classes.size(); c++) {
      fields[c + 1] = "p_" + classes.get(c);
    }
    csv.writeRecord(fields);
    for (double[] p : probs) {
      fields[0] = m.isMultiLabel() ? chosenLabels((Model) m, p) : classes.get(m.decide(p));
      for (int c = 0; c < p.length; c++) {
        // float precision (about 7 digits) is what the model's float32 weights support
        fields[c + 1] = Float.toString((float) p[c]);
      }
      csv.writeRecord(fields);
    }
    csv.flush();
  }

  /** A multi-label model's chosen labels joined by ';' (empty when it chooses none). */
  private static String chosenLabels(Model m, double[] probs) {
    StringBuilder joined = new StringBuilder();
    for (int k : m.decideLabels(probs)) {
      if (joined.length() > 0) {
        joined.append(';');
      }
      joined.append(m.classes().get(k));
    }
    return joined.toString();
  }
}
