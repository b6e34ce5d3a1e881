package dev.softclass.cli;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.DataTable;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import dev.softclass.eval.MultiLabelEvaluation;
import dev.softclass.head.HeadType;
import dev.softclass.preprocess.PipelineExplanation;
import dev.softclass.preprocess.ScaleMode;
import dev.softclass.train.Checkpointing;
import dev.softclass.train.OptimizerType;
import dev.softclass.train.PositiveWeights;
import dev.softclass.train.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass train}: fit a model on a data file and save it. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train a logistic regression (sigmoid or softmax head; one sigmoid per label for"
            + " multi-label data) and save it.")
final class TrainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "OUT",
      description = "Model file to write.")
  Path model;

  @Option(
      names = "--head",
      paramLabel = "sigmoid|softmax",
      defaultValue = "auto",
      description = "Output head (default: sigmoid for 2 classes, softmax for more).")
  String head;

  @Option(
      names = "--outputs",
      paramLabel = "N",
      defaultValue = "0",
      description = "Head outputs (default: one per class; 1 for a sigmoid).")
  int outputs;

  @Option(
      names = "--l2",
      paramLabel = "X",
      defaultValue = "1e-4",
      description =
          "L2 strength on the mean loss (default: ${DEFAULT-VALUE}; sklearn C = 1/(l2 n)).")
  double l2;

  @Option(
      names = "--l1",
      paramLabel = "X",
      defaultValue = "0",
      description =
          "L1 strength on the mean loss (default: ${DEFAULT-VALUE}; sklearn C = 1/(l1 n)); with"
              + " --l2 too, the elastic net. Trained by OWL-QN (L-BFGS) or truncated-gradient"
              + " SGD; weights are exactly 0 where L1 removes a feature.")
  double l1;

  @Option(
      names = "--loss",
      paramLabel = "log|focal",
      defaultValue = "log",
      description =
          "Softmax training loss: log (cross-entropy) or focal, -(1-p)^gamma log p (default:"
              + " ${DEFAULT-VALUE}). Not for sigmoid heads; an automatic head becomes a softmax.")
  String loss;

  @Option(
      names = "--gamma",
      paramLabel = "G",
      defaultValue = "2",
      description = "Focal loss exponent, >= 0 (default: ${DEFAULT-VALUE}).")
  double gamma;

  @Option(
      names = "--label-smoothing",
      paramLabel = "EPS",
      defaultValue = "0",
      description =
          "Train a softmax head towards (1-EPS) on the true class and EPS/K on every class"
              + " (default: ${DEFAULT-VALUE}).")
  double labelSmoothing;

  @Option(
      names = "--optimizer",
      paramLabel = "lbfgs|sgd",
      defaultValue = "lbfgs",
      description = "Optimiser (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "10",
      description = "SGD epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "1",
      description = "SGD mini-batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--lr",
      paramLabel = "X|auto",
      defaultValue = "auto",
      description =
          "SGD initial learning rate, decaying linearly to 0; auto = 1 / (0.5 * (mean squared"
              + " row norm + 1) + l2) (default: ${DEFAULT-VALUE}).")
  String learningRate;

  @Option(
      names = "--max-iter",
      paramLabel = "N",
      defaultValue = "500",
      description = "L-BFGS iteration limit (default: ${DEFAULT-VALUE}).")
  int maxIterations;

  @Option(
      names = "--tol",
      paramLabel = "X",
      defaultValue = "1e-5",
      description = "L-BFGS gradient tolerance (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Training threads (default: the number of cores); the model does not change.")
  Integer threads;

  @Option(
      names = "--scale",
      paramLabel = "auto|standard|minmax|maxabs|robust|none",
      defaultValue = "auto",
      description =
          "Feature scaling: auto (standard for dense, max-abs for sparse), standard, minmax,"
              + " maxabs, robust (median and interquartile range) or none (default:"
              + " ${DEFAULT-VALUE}). One-hot and indicator columns are never scaled.")
  String scale;

  @Option(
      names = "--task",
      paramLabel = "auto|binary|multiclass|multilabel",
      defaultValue = "auto",
      description =
          "The task: multilabel trains one sigmoid per label on label sets (labels joined by ';'"
              + " in CSV, ',' in LIBSVM); auto (default) is multilabel when some row has several"
              + " labels, else binary or multiclass by the number of classes.")
  String task;

  @Option(
      names = "--positive-weight",
      paramLabel = "none|balanced|W[,W...]",
      defaultValue = "none",
      description =
          "Multi-label: weight of each label's positive examples in the loss; balanced ="
              + " negatives/positives per label (default: ${DEFAULT-VALUE}).")
  String positiveWeight;

  @Mixin PipelineOptions pipeline;

  @Mixin BalanceOptions balance;

  @Option(names = "--json", description = "Print the training summary as JSON.")
  boolean json;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      description =
          "Save SGD checkpoints in DIR (atomically), so that a killed run can be resumed.")
  Path checkpointDir;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N|Nmin",
      defaultValue = "1",
      description =
          "With --checkpoint-dir: save every N epochs, or with a unit every N minutes (10min)"
              + " (default: every epoch).")
  String checkpointEvery;

  @Option(
      names = "--resume",
      description =
          "Continue from the checkpoint in --checkpoint-dir (same data and options): the model"
              + " equals that of an uninterrupted run.")
  boolean resume;

  /** Reads the training data as single-label or multi-label data, as --task says. */
  private Dataset readTrainingData(PrintWriter err) {
    DataTable table = data.read(true);
    String separator = data.format().labelSeparator();
    boolean hasSets = table.hasLabelSets(separator);
    switch (task.toLowerCase(Locale.ROOT)) {
      case "multilabel":
        return table.toMultiLabelDataset(separator);
      case "auto":
        if (hasSets) {
          err.println(
              "note: "
                  + data.data
                  + " has rows with several labels (joined by '"
                  + separator
                  + "'): training a multi-label model (--task multilabel)");
          return table.toMultiLabelDataset(separator);
        }
        return table.toDataset();
      case "binary":
      case "multiclass":
        return table.toDataset();
      default:
        throw new SoftclassException(
            "unknown task '" + task + "': expected auto, binary, multiclass or multilabel");
    }
  }

  private static double parseLearningRate(String text) {
    if (text.equalsIgnoreCase("auto")) {
      return 0;
    }
    try {
      double v = Double.parseDouble(text);
      if (v > 0 && Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SoftclassException("--lr must be a number > 0 or auto, got '" + text + "'");
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainingSettings settings =
        TrainingSettings.defaults().toBuilder()
            .head(HeadType.parse(head))
            .outputs(outputs)
            .l2(l2)
            .l1(l1)
            .loss(dev.softclass.train.LossType.parse(loss))
            .gamma(gamma)
            .labelSmoothing(labelSmoothing)
            .optimizer(OptimizerType.parse(optimizer))
            .epochs(epochs)
            .batchSize(batchSize)
            .learningRate(parseLearningRate(learningRate))
            .maxIterations(maxIterations)
            .tolerance(tolerance)
            .seed(seed)
            .threads(threads == null ? Runtime.getRuntime().availableProcessors() : threads)
            .scale(ScaleMode.parse(scale))
            .positiveWeights(PositiveWeights.parse(positiveWeight))
            .build();
    long readStart = System.nanoTime();
    Dataset train = readTrainingData(err);
    double readSeconds = (System.nanoTime() - readStart) / 1e9;
    Classifier classifier =
        Classifier.of(settings)
            .preprocessing(pipeline.settings())
            .balance(balance.settings())
            .progress(ConsoleProgress.forStderr(err));
    Model fitted;
    if (checkpointDir == null) {
      if (resume || spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every")) {
        throw new SoftclassException(
            (resume ? "--resume" : "--checkpoint-every")
                + " needs --checkpoint-dir: the folder of the checkpoint");
      }
      fitted = classifier.fit(train);
    } else {
      fitted = classifier.fit(train, Checkpointing.parse(checkpointDir, checkpointEvery, resume));
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    String quality;
    if (fitted.isMultiLabel()) {
      MultiLabelEvaluation onTrain = MultiLabelEvaluation.of(fitted, train);
      metrics.put("train_micro_f1", onTrain.microF1());
      metrics.put("train_macro_f1", onTrain.macroF1());
      metrics.put("train_hamming_loss", onTrain.hammingLoss());
      quality =
          String.format(
              Locale.ROOT,
              "training micro-F1 %.4f, macro-F1 %.4f, Hamming loss %.4f (threshold 0.5)",
              onTrain.microF1(),
              onTrain.macroF1(),
              onTrain.hammingLoss());
    } else {
      Evaluation onTrain = Evaluation.of(fitted, train);
      metrics.put("train_accuracy", onTrain.accuracy());
      metrics.put("train_log_loss", onTrain.logLoss());
      quality =
          String.format(
              Locale.ROOT,
              "training accuracy %.4f, log loss %.4f",
              onTrain.accuracy(),
              onTrain.logLoss());
    }
    fitted = fitted.withInfo(fitted.info().withMetrics(metrics));
    fitted.save(model);

    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("model", model.toString());
    summary.putAll(fitted.info().training());
    summary.put("read_seconds", readSeconds);
    summary.put("task", fitted.task());
    summary.put("head", fitted.head().name());
    summary.put("outputs", fitted.head().numOutputs());
    summary.put("classes", fitted.classes());
    summary.putAll(metrics);
    if (pipeline.explain) {
      summary.put(
          "pipeline",
          PipelineExplanation.describe(
              fitted.columns(), fitted.transform(), pipeline.settings().imputation().strategy()));
    }
    if (json) {
      out.println(Json.write(summary));
    } else {
      Map<String, Object> t = fitted.info().training();
      out.printf(
          Locale.ROOT,
          "trained %s (%s head, %d %s) on %d rows x %d features in %.2fs%n",
          fitted.task(),
          fitted.head().name(),
          fitted.classes().size(),
          fitted.isMultiLabel() ? "labels" : "classes",
          train.size(),
          train.numFeatures(),
          ((Number) t.get("seconds")).doubleValue());
      out.printf(
          Locale.ROOT,
          "%s on %s kernels: %s iterations, objective %.6f (%s)%n",
          settings.optimizer().id(),
          t.get("kernel"),
          t.get("iterations"),
          ((Number) t.get("objective")).doubleValue(),
          t.get("stop_reason"));
      out.println(quality);
      if (t.containsKey("resumed_after_epoch")) {
        out.println("resumed from the checkpoint after epoch " + t.get("resumed_after_epoch"));
      }
      if (pipeline.explain) {
        PipelineExplanation.lines(
                fitted.columns(), fitted.transform(), pipeline.settings().imputation().strategy())
            .forEach(out::println);
      }
      out.println("saved " + model);
    }
    return 0;
  }
}
