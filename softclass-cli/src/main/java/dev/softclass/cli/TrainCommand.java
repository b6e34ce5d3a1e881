package dev.softclass.cli;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.body.Activation;
import dev.softclass.body.MlpBody;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataTable;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import dev.softclass.eval.MultiLabelEvaluation;
import dev.softclass.head.HeadType;
import dev.softclass.optim.LearningRateSchedule;
import dev.softclass.preprocess.PipelineExplanation;
import dev.softclass.preprocess.ScaleMode;
import dev.softclass.train.Checkpointing;
import dev.softclass.train.NetworkSettings;
import dev.softclass.train.OptimizerType;
import dev.softclass.train.PositiveWeights;
import dev.softclass.train.TrainingSettings;
import dev.softclass.train.WeightInit;
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

/** {@code softclass train}: fit a model on a data file and save it. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train a logistic regression or a multilayer perceptron (sigmoid or softmax head; one"
            + " sigmoid per label for multi-label data), or with --model-type text a"
            + " fastText-style text classifier, and save it.")
final class TrainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin DataOptions data;

  @Mixin TextOptions text;

  @Option(
      names = "--model-type",
      paramLabel = "linear|mlp|text",
      defaultValue = "linear",
      description =
          "linear: logistic regression on CSV or LIBSVM features; mlp: multilayer perceptron"
              + " (--hidden); text: fastText-style text classifier on --format fasttext data"
              + " (default: ${DEFAULT-VALUE}).")
  String modelType;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "OUT",
      description = "Model file to write.")
  Path model;

  @Option(
      names = "--head",
      paramLabel = "sigmoid|softmax|hinge",
      defaultValue = "auto",
      description =
          "Output head (default: sigmoid for 2 classes, softmax for more); hinge: a linear SVM,"
              + " one-vs-rest, with Platt-scaled probabilities.")
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
      paramLabel = "log|focal|hinge|squared_hinge|softmax|sampled|ns|hs|ova",
      description =
          "Linear and mlp models with a softmax: log (cross-entropy, the default) or focal,"
              + " -(1-p)^gamma log p (an automatic head becomes a softmax). Linear SVMs (--head"
              + " hinge): squared_hinge (the default, L-BFGS) or hinge (SGD). Text models: the head,"
              + " softmax (default), sampled (sampled softmax), ns (negative sampling), hs"
              + " (hierarchical softmax) or ova (one-vs-all); predictions are exact for every"
              + " head. Lines with several labels (multi-label) need ova: every label of a line"
              + " is a positive, and the model predicts label sets.")
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
      paramLabel = "lbfgs|sgd|adam|adamw",
      description =
          "Optimiser (default: lbfgs for linear models, adam for networks and --init-model).")
  String optimizer;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description =
          "Epochs of sgd, adam or adamw (default: 10; 20 for networks; 5 for text models, as"
              + " fastText).")
  Integer epochs;

  @Option(
      names = {"--batch-size", "--batch"},
      paramLabel = "N",
      description = "Mini-batch size (default: 1 for linear SGD, 200 for networks and Adam).")
  Integer batchSize;

  @Option(
      names = "--lr",
      paramLabel = "X|auto",
      defaultValue = "auto",
      description =
          "Initial learning rate. Linear SGD decays it linearly to 0, and auto = 1 / (0.5 * (mean"
              + " squared row norm + 1) + l2); networks follow --schedule, and auto = 1e-3 for"
              + " adam, 0.01 for sgd; text models decay it linearly as fastText, auto = 0.1"
              + " (default: ${DEFAULT-VALUE}).")
  String learningRate;

  @Option(
      names = "--hidden",
      paramLabel = "N[,N...]",
      split = ",",
      description = "Units of each hidden layer, for --model-type mlp (default: 100).")
  List<Integer> hidden;

  @Option(
      names = "--activation",
      paramLabel = "relu|tanh|gelu",
      defaultValue = "relu",
      description = "Activation of the hidden layers (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(
      names = "--dropout",
      paramLabel = "P",
      defaultValue = "0",
      description = "Share of hidden units dropped in training (default: ${DEFAULT-VALUE}).")
  double dropout;

  @Option(
      names = "--init",
      paramLabel = "auto|he|xavier",
      defaultValue = "auto",
      description =
          "Weight initialisation: auto = He for relu/gelu, Xavier for tanh (default:"
              + " ${DEFAULT-VALUE}).")
  String init;

  @Option(
      names = "--momentum",
      paramLabel = "X",
      defaultValue = "0.9",
      description = "Momentum of --optimizer sgd for networks (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(names = "--nesterov", description = "Nesterov momentum for --optimizer sgd.")
  boolean nesterov;

  @Option(
      names = "--schedule",
      paramLabel = "constant|step|cosine",
      defaultValue = "constant",
      description = "Learning-rate schedule of networks (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(
      names = "--warmup",
      paramLabel = "EPOCHS",
      defaultValue = "0",
      description = "Epochs of linear learning-rate warm-up (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--step-epochs",
      paramLabel = "N",
      defaultValue = "10",
      description = "Epochs between decays of --schedule step (default: ${DEFAULT-VALUE}).")
  int stepEpochs;

  @Option(
      names = "--step-gamma",
      paramLabel = "X",
      defaultValue = "0.1",
      description = "Decay factor of --schedule step (default: ${DEFAULT-VALUE}).")
  double stepGamma;

  @Option(
      names = "--clip-norm",
      paramLabel = "X",
      defaultValue = "0",
      description = "Clip the global gradient norm at X; 0 = off (default: ${DEFAULT-VALUE}).")
  double clipNorm;

  @Option(
      names = "--early-stopping",
      paramLabel = "PATIENCE",
      defaultValue = "0",
      description =
          "Hold out --validation-fraction of the rows and stop after PATIENCE epochs without a"
              + " better validation loss, keeping the best epoch; 0 = off (default:"
              + " ${DEFAULT-VALUE}).")
  int earlyStopping;

  @Option(
      names = "--validation-fraction",
      paramLabel = "X",
      defaultValue = "0.1",
      description = "Share of rows held out for --early-stopping (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Option(
      names = "--init-model",
      paramLabel = "MODEL",
      description =
          "Continue training this saved model (linear or MLP) on the data: its preprocessing,"
              + " classes and architecture are kept.")
  Path initModel;

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
      description =
          "Training threads (default: the number of cores); the model does not change (unless"
              + " --hogwild).")
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

  private static boolean parseModelType(String text) {
    switch (text) {
      case "linear":
        return false;
      case "mlp":
        return true;
      default:
        throw new SoftclassException(
            "unknown --model-type '" + text + "': expected linear, mlp or text");
    }
  }

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      description =
          "Save checkpoints in DIR (atomically), so that a killed run can be resumed: linear,"
              + " mlp and text models trained for epochs (not L-BFGS).")
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
    if (modelType.equals("text")) {
      return trainText(out);
    }
    if (!text.given().isEmpty()) {
      throw new SoftclassException(
          text.given() + " are options of text models: add --model-type text");
    }
    boolean mlp = parseModelType(modelType);
    Model start = initModel == null ? null : Model.load(initModel);
    if (start != null) {
      mlp = start.body() instanceof MlpBody;
    }
    OptimizerType chosen =
        optimizer != null
            ? OptimizerType.parse(optimizer)
            : mlp || start != null ? OptimizerType.ADAM : OptimizerType.LBFGS;
    boolean miniBatchNetwork = mlp || start != null || chosen.needsNetworkTrainer();
    TrainingSettings settings =
        TrainingSettings.defaults().toBuilder()
            .head(HeadType.parse(head))
            .outputs(outputs)
            .l2(l2)
            .l1(l1)
            .loss(linearLoss())
            .gamma(gamma)
            .labelSmoothing(labelSmoothing)
            .optimizer(chosen)
            .epochs(epochs != null ? epochs : mlp ? 20 : 10)
            .batchSize(batchSize != null ? batchSize : miniBatchNetwork ? 200 : 1)
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
    NetworkSettings network =
        NetworkSettings.defaults().toBuilder()
            .hidden(mlp ? (hidden == null ? List.of(100) : hidden) : List.of())
            .activation(Activation.parse(activation))
            .dropout(dropout)
            .init(WeightInit.parse(init))
            .momentum(momentum)
            .nesterov(nesterov)
            .schedule(LearningRateSchedule.Kind.parse(schedule))
            .warmupEpochs(warmup)
            .stepEpochs(stepEpochs)
            .gamma(stepGamma)
            .clipNorm(clipNorm)
            .earlyStopping(earlyStopping)
            .validationFraction(validationFraction)
            .build();
    if (!mlp && hidden != null) {
      throw new SoftclassException("--hidden is for --model-type mlp");
    }
    Classifier classifier =
        (miniBatchNetwork ? Classifier.of(settings, network) : Classifier.of(settings))
            .preprocessing(pipeline.settings())
            .balance(balance.settings())
            .progress(ConsoleProgress.forStderr(err));
    Model fitted;
    Checkpointing checkpointing = checkpointing();
    if (checkpointing == null) {
      fitted = start == null ? classifier.fit(train) : classifier.partialFit(start, train);
    } else {
      if (start != null) {
        throw new SoftclassException(
            "--init-model and --checkpoint-dir do not go together: resume a checkpoint with"
                + " --resume, or continue a saved model without checkpoints");
      }
      fitted = classifier.fit(train, checkpointing);
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
          t.getOrDefault("optimizer", settings.optimizer().id()),
          t.get("kernel"),
          t.get("iterations"),
          ((Number) t.get("objective")).doubleValue(),
          t.get("stop_reason"));
      out.println(quality);
      if (t.get("seconds_per_epoch") instanceof Number perEpoch) {
        out.printf(Locale.ROOT, "%.3f s per epoch%n", perEpoch.doubleValue());
      }
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

  /** The loss of a linear or mlp model from --loss (log when not given). */
  private dev.softclass.train.LossType linearLoss() {
    if (loss != null && List.of("softmax", "sampled", "ns", "hs", "ova").contains(loss)) {
      throw new SoftclassException(
          "--loss "
              + loss
              + " is a head of text models (--model-type text); linear and mlp models take"
              + " --loss log, focal, hinge or squared_hinge");
    }
    return dev.softclass.train.LossType.parse(loss == null ? "log" : loss);
  }

  /**
   * The checkpoint options, or null without --checkpoint-dir.
   *
   * @throws SoftclassException for --resume or --checkpoint-every without a folder
   */
  private Checkpointing checkpointing() {
    if (checkpointDir == null) {
      if (resume || spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every")) {
        throw new SoftclassException(
            (resume ? "--resume" : "--checkpoint-every")
                + " needs --checkpoint-dir: the folder of the checkpoint");
      }
      return null;
    }
    return Checkpointing.parse(checkpointDir, checkpointEvery, resume);
  }

  private int trainText(PrintWriter out) {
    text.loss = loss;
    if (data.format != null && DataFormat.parse(data.format) != DataFormat.FASTTEXT) {
      throw new SoftclassException("--model-type text reads --format fasttext, not " + data.format);
    }
    Integer textEpochs = epochs;
    double lr = parseLearningRate(learningRate);
    return TextTrain.run(
        data.data,
        text.settings(
            textEpochs,
            lr > 0 ? lr : null,
            seed,
            threads == null ? Runtime.getRuntime().availableProcessors() : threads),
        model,
        checkpointing(),
        json,
        out);
  }
}
