package dev.softclass.cli;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import dev.softclass.select.CrossValidation;
import dev.softclass.select.Metric;
import dev.softclass.select.ModelSearch;
import dev.softclass.select.SearchResult;
import dev.softclass.select.SearchSpace;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass tune}: grid or random search by cross-validation, then refit the best. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description =
        "Choose training settings by stratified k-fold cross-validation (grid search, or random"
            + " search with --random), print mean ± std of the metric for every candidate, and"
            + " train the best on all the data. Any train setting can be searched by its name in"
            + " the model file's training section: l2, lr, batch_size, epochs, optimizer,"
            + " max_iter, tol, head, scale, ...")
final class TuneCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--search",
      paramLabel = "SPACE",
      description =
          "Search space: name=values separated by commas; values are alternatives a|b|c or a"
              + " range low..high:log|lin:N, for example \"l2=1e-4..1e1:log:8,lr=0.01|0.1\"."
              + " A single value fixes a setting (optimizer=sgd).")
  String search;

  @Option(
      names = "--search-file",
      paramLabel = "FILE",
      description =
          "Search space as JSON or YAML (.yaml/.yml): {\"l2\": {\"min\": 1e-4, \"max\": 10,"
              + " \"scale\": \"log\", \"num\": 8}, \"lr\": [0.01, 0.1], \"optimizer\": \"sgd\"}.")
  Path searchFile;

  @Option(
      names = "--cv",
      paramLabel = "K",
      defaultValue = "5",
      description = "Stratified folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(
      names = "--repeats",
      paramLabel = "R",
      defaultValue = "1",
      description = "Repeat the k-fold with R different shuffles (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(
      names = "--metric",
      paramLabel = "NAME",
      defaultValue = "log_loss",
      description =
          "Ranking metric: log_loss, brier (lower is better), accuracy, balanced_accuracy,"
              + " macro_f1, roc_auc (default: ${DEFAULT-VALUE}).")
  String metric;

  @Option(
      names = "--random",
      paramLabel = "N",
      description = "Random search: N candidates drawn from the space instead of the full grid.")
  Integer random;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "OUT",
      description = "Where to write the best settings' model, trained on all the data.")
  Path model;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of the folds and of the random search (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--jobs",
      paramLabel = "J",
      description =
          "Folds trained at once (default: the number of cores); results do not depend on it.")
  Integer jobs;

  @Option(
      names = "--results",
      paramLabel = "FILE",
      description = "Also write every candidate's scores as JSON to FILE.")
  Path results;

  @Option(names = "--json", description = "Print the results as JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if ((search == null) == (searchFile == null)) {
      throw new SoftclassException("give the search space with --search or --search-file (one)");
    }
    if (random != null && random < 1) {
      throw new SoftclassException("--random must be at least 1, got " + random);
    }
    SearchSpace space = search != null ? SearchSpace.parse(search) : SearchSpace.read(searchFile);
    int cores = Runtime.getRuntime().availableProcessors();
    ModelSearch searcher =
        new ModelSearch(
            new CrossValidation(folds, repeats, seed),
            Metric.parse(metric),
            jobs == null ? cores : jobs);
    TrainingSettings base = TrainingSettings.defaults();
    List<TrainingSettings> candidates =
        random == null ? space.grid(base) : space.random(base, random, seed);
    Dataset train = data.read(true).toDataset();
    err.printf(
        Locale.ROOT,
        "tune: %d candidates x %d folds x %d repeats on %d rows%n",
        candidates.size(),
        folds,
        repeats,
        train.size());
    long start = System.nanoTime();
    SearchResult result = searcher.evaluate(space, candidates, train, new RunProgress(err));
    double searchSeconds = (System.nanoTime() - start) / 1e9;
    Model best = result.refit(train, cores, ProgressListener.NONE);
    best.save(model);
    Map<String, Object> summary = new LinkedHashMap<>(result.toMap());
    summary.put("search_seconds", searchSeconds);
    summary.put("model", model.toString());
    if (results != null) {
      dev.softclass.io.AtomicFiles.write(
          results,
          "the search results",
          stream ->
              stream.write(Json.write(summary).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    if (json) {
      out.println(Json.write(summary));
    } else {
      out.print(result.table());
      out.printf(
          Locale.ROOT,
          "best %s: %s %.4f ± %.4f (%d-fold%s, %.1fs)%n",
          result.values(result.best()),
          result.metric().id(),
          result.candidates().get(result.best()).mean(),
          result.candidates().get(result.best()).std(),
          folds,
          repeats > 1 ? " x " + repeats : "",
          searchSeconds);
      out.println("refitted on all " + train.size() + " rows; saved " + model);
    }
    return 0;
  }

  /** A line on stderr every tenth of the runs. */
  private static final class RunProgress implements ProgressListener {
    private final PrintWriter err;
    private final long start = System.nanoTime();

    RunProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void step(String unit, int done, int total, double score) {
      if (done == total || done % Math.max(1, total / 10) == 0) {
        err.printf(
            Locale.ROOT,
            "tune: %d/%d runs done (%.1fs)%n",
            done,
            total,
            (System.nanoTime() - start) / 1e9);
        err.flush();
      }
    }
  }
}
