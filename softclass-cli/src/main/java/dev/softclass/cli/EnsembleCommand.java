package dev.softclass.cli;

import dev.softclass.Model;
import dev.softclass.Predictor;
import dev.softclass.SoftclassException;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.ensemble.Ensemble;
import dev.softclass.ensemble.Stacking;
import dev.softclass.eval.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass ensemble}: combine trained models into one ensemble file. */
@Command(
    name = "ensemble",
    mixinStandardHelpOptions = true,
    description =
        "Combine models with the same classes and features into one .softclass file: soft"
            + " voting (the weighted mean of their probabilities) or, with --stack, a logistic"
            + " regression trained on their out-of-fold probabilities. predict, eval and serve"
            + " take the ensemble file like a model file.")
final class EnsembleCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "M",
      description = "A member model file (give two or more).")
  List<Path> models;

  @Option(
      names = "--weights",
      split = ",",
      paramLabel = "W",
      description = "Soft-voting weights, one per model, each > 0 (default: equal).")
  double[] weights;

  @Option(
      names = "--stack",
      description =
          "Stack: fit a logistic regression on the members' out-of-fold probabilities (needs"
              + " --data, the members' training data).")
  boolean stack;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description = "Training data for --stack: the members' settings are refitted on its folds.")
  Path data;

  @Option(
      names = "--format",
      paramLabel = "csv|libsvm",
      description = "Format of --data and --test (default: from the file name).")
  String format;

  @Option(
      names = "--label",
      paramLabel = "COL",
      defaultValue = "label",
      description = "Name of the CSV label column (default: ${DEFAULT-VALUE}).")
  String label;

  @Option(
      names = "--cv",
      paramLabel = "K",
      defaultValue = "5",
      description =
          "Folds for the out-of-fold probabilities of --stack (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of the --stack folds (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--test",
      paramLabel = "FILE",
      description =
          "Labelled data to compare the ensemble with each member on (log loss, accuracy).")
  Path test;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT",
      description = "Ensemble file to write.")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (models.size() < 2) {
      throw new SoftclassException("give at least two --model files to combine");
    }
    if (stack && weights != null) {
      throw new SoftclassException(
          "--weights is for soft voting; with --stack the meta-model learns how to weigh models");
    }
    if (stack != (data != null)) {
      throw new SoftclassException(
          stack
              ? "--stack needs --data, the members' training data"
              : "--data is only for --stack");
    }
    List<Model> members = new ArrayList<>();
    for (Path p : models) {
      Predictor loaded = Predictor.load(p);
      if (!(loaded instanceof Model m)) {
        throw new SoftclassException(p + " is an ensemble; members must be single models");
      }
      members.add(m);
    }
    DataFormat f = format == null ? null : DataFormat.parse(format);
    Ensemble ensemble;
    if (stack) {
      Dataset train = DataReaders.read(data, f, label, true).toDataset(members.get(0).encoder());
      ensemble = Stacking.fit(members, train, folds, seed);
    } else {
      ensemble = Ensemble.softVoting(members, weights);
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    if (test != null) {
      Dataset t = DataReaders.read(test, f, label, true).toDataset(members.get(0).encoder());
      for (int i = 0; i < members.size(); i++) {
        Evaluation e = Evaluation.of(members.get(i), t);
        out.printf(
            Locale.ROOT,
            "model %d (%s): log loss %.4f  accuracy %.4f%n",
            i + 1,
            models.get(i),
            e.logLoss(),
            e.accuracy());
      }
      Evaluation e = Evaluation.of(ensemble, t);
      out.printf(
          Locale.ROOT,
          "ensemble (%s): log loss %.4f  accuracy %.4f%n",
          ensemble.method(),
          e.logLoss(),
          e.accuracy());
      metrics.put("test_log_loss", e.logLoss());
      metrics.put("test_accuracy", e.accuracy());
      ensemble = ensemble.withInfo(ensemble.info().withMetrics(metrics));
    }
    ensemble.save(output);
    out.printf(
        Locale.ROOT,
        "saved %s: %s over %d models (%d classes)%n",
        output,
        ensemble.method().replace('_', ' '),
        members.size(),
        ensemble.classes().size());
    return 0;
  }
}
