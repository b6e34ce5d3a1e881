package dev.softclass.cli;

import dev.softclass.Model;
import dev.softclass.data.Dataset;
import dev.softclass.report.MultiLabelReport;
import dev.softclass.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass report}: an HTML page with metrics and plots. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a model on labelled data and write DIR/index.html with the metrics as tables"
            + " and PNG plots beside it: confusion matrix, reliability diagram with ECE, ROC and"
            + " precision-recall curves, F1 per class, probability histograms. The page needs no"
            + " network.")
final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "M", description = "Model file.")
  Path model;

  @Mixin DataOptions data;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "Folder for index.html and the plots (created if missing).")
  Path output;

  @Override
  public Integer call() {
    System.setProperty("java.awt.headless", "true");
    Model m = Model.load(model);
    if (m.isMultiLabel()) {
      MultiLabelReport report =
          MultiLabelReport.of(
              m, model.getFileName().toString(), data.readLabelSets(m.encoder(), true));
      report.write(output);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "micro-F1 %.4f  macro-F1 %.4f  Hamming loss %.4f on %d rows%n",
          report.evaluation().microF1(),
          report.evaluation().macroF1(),
          report.evaluation().hammingLoss(),
          report.evaluation().n());
      out.println("wrote " + output.resolve("index.html"));
      return 0;
    }
    Dataset test = data.read(true).toDataset(m.encoder());
    Report report = Report.of(m, model.getFileName().toString(), test);
    report.write(output);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "accuracy %.4f  log loss %.4f  ECE %.4f on %d rows%n",
        report.evaluation().accuracy(),
        report.evaluation().logLoss(),
        report.evaluation().ece(),
        test.size());
    out.println("wrote " + output.resolve("index.html"));
    return 0;
  }
}
