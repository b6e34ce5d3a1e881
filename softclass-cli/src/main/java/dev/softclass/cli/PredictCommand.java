package dev.softclass.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.softclass.Model;
import dev.softclass.Predictor;
import dev.softclass.SoftclassException;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.data.Dataset;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.io.AtomicFiles;
import dev.softclass.io.TextModelFile;
import dev.softclass.text.TextModel;
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
            + " probability. For text models (raw text in, one line per line of the input):"
            + " the --k most probable labels with probability >= --min-prob, as fastText's"
            + " predict-prob prints them; probabilities are exact (a sigmoid score per class"
            + " for ns and ova heads). A multi-label text model (--loss ova trained on lines"
            + " with several labels) prints every label with probability >= --min-prob (default:"
            + " its threshold, 0.5), at most --k of them (default: no limit), most probable"
            + " first, as fastText's predict-prob with -threshold.")
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

  @Option(
      names = "--k",
      paramLabel = "K",
      description =
          "Text models: print the K most probable labels of each line (default: 1), as"
              + " '__label__name probability ...'. Multi-label text models: at most K labels"
              + " (default: no limit).")
  Integer k;

  @Option(
      names = "--min-prob",
      paramLabel = "P",
      description =
          "Text models: print only labels with probability >= P (default: 0; for a multi-label"
              + " text model its threshold, 0.5).")
  Double minProb;

  @Override
  public Integer call() throws IOException {
    if (TextModelFile.isTextModel(model)) {
      TextModel m = TextModel.load(model);
      TextData lines = FastTextReader.read(data.data, false);
      if (m.isMultiLabel()) {
        LabelDecision decision = TextMultiLabel.decision(m, k, minProb);
        return emit(w -> TextMultiLabel.writePredictions(m, lines, decision, w));
      }
      int kk = k == null ? 1 : k;
      double p = minProb == null ? 0 : minProb;
      return emit(w -> writeText(m, lines, kk, p, w));
    }
    if (k != null || minProb != null) {
      throw new SoftclassException(
          "--k and --min-prob are for text models; " + model + " is not one");
    }
    Predictor m = Predictor.load(model);
    Dataset rows =
        m.isMultiLabel()
            ? data.readLabelSets(m.encoder(), false)
            : data.read(false).toDataset(m.encoder());
    double[][] probs = m.predictProba(rows);
    return emit(w -> write(m, probs, w));
  }

  /** Writes predictions. */
  @FunctionalInterface
  private interface Predictions {
    void writeTo(Writer w) throws IOException;
  }

  /** Writes the predictions to --output (atomically) or to standard output; returns exit code 0. */
  private int emit(Predictions predictions) throws IOException {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      predictions.writeTo(out);
      out.flush();
      return 0;
    }
    AtomicFiles.write(
        output,
        "the predictions",
        stream -> {
          Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
          predictions.writeTo(w);
          w.flush();
        });
    return 0;
  }

  /** One line per input line: up to k labels with their probabilities, fastText's layout. */
  private static void writeText(TextModel m, TextData lines, int k, double minProb, Writer w)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String text : lines.texts()) {
      TextModel.TopPredictions top = m.predict(text, k, minProb);
      sb.setLength(0);
      for (int i = 0; i < top.classes().length; i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(FastTextReader.LABEL_PREFIX)
            .append(m.classes().get(top.classes()[i]))
            .append(' ')
            .append((float) top.probabilities()[i]);
      }
      w.write(sb.append('\n').toString());
    }
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
