package dev.softclass.cli;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import dev.softclass.select.StratifiedSplit;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code softclass demo}: the whole path on a bundled dataset (UCI wine: 178 wines, 13 chemical
 * measurements, 3 cultivars): split, train, evaluate on the held-out part, save.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Train a softmax classifier on the bundled wine dataset (178 rows, 13 features, 3"
            + " classes), evaluate it on a held-out 20 %%, print the metrics and save the model.")
final class DemoCommand implements Callable<Integer> {
  private static final String RESOURCE = "wine.csv";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "OUT",
      defaultValue = "demo.softclass",
      description = "Where to save the model (default: ${DEFAULT-VALUE}).")
  Path model;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of the split (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Dataset all;
    try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      all =
          DataReaders.read(reader, "wine.csv (bundled)", DataFormat.CSV, "label", true).toDataset();
    }
    StratifiedSplit split = StratifiedSplit.of(all, 0.2, seed);
    out.printf(
        Locale.ROOT,
        "wine: %d rows, %d features, classes %s%nsplit: %d for training, %d held out"
            + " (stratified, seed %d)%n",
        all.size(),
        all.numFeatures(),
        all.encoder().classes(),
        split.train().size(),
        split.test().size(),
        seed);
    Model fitted =
        Classifier.logistic()
            .progress(ConsoleProgress.forStderr(spec.commandLine().getErr()))
            .fit(split.train());
    Evaluation test = Evaluation.of(fitted, split.test());
    fitted =
        fitted.withInfo(
            fitted
                .info()
                .withMetrics(
                    Map.of("test_accuracy", test.accuracy(), "test_log_loss", test.logLoss())));
    fitted.save(model);
    out.printf(
        Locale.ROOT,
        "trained %s head on standardised features: %s iterations, %.2fs%n%n"
            + "held-out metrics:%n",
        fitted.head().name(),
        fitted.info().training().get("iterations"),
        ((Number) fitted.info().training().get("seconds")).doubleValue());
    EvalCommand.print(test, out);
    out.println();
    out.println("saved " + model);
    out.println("next: ./softclass inspect --model " + model);
    out.println("      ./softclass predict --model " + model + " --data examples/wine/test.csv");
    return 0;
  }
}
