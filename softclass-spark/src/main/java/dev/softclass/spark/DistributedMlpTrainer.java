package dev.softclass.spark;

import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.body.Activation;
import dev.softclass.body.DenseLayer;
import dev.softclass.body.MlpBody;
import dev.softclass.data.LabelEncoder;
import dev.softclass.head.Head;
import dev.softclass.head.OutputLayer;
import dev.softclass.preprocess.FeatureTransform;
import dev.softclass.train.NetworkSettings;
import dev.softclass.train.NetworkTrainer;
import dev.softclass.train.OptimizerType;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.TrainingSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Trains an MLP by synchronous parameter averaging: each round broadcasts the current model, every
 * partition continues training it for a few local epochs of mini-batch SGD or Adam with the core's
 * {@link NetworkTrainer} (its own seed per round and partition), and the driver averages the
 * partitions' weights, weighted by their rows, in partition order. Deterministic for a given
 * partitioning and seed. The optimiser's state (momentum, Adam's moments) starts afresh each round.
 */
final class DistributedMlpTrainer {
  private DistributedMlpTrainer() {}

  /**
   * The settings of a run, as tasks receive them.
   *
   * @param hidden the hidden layers' widths
   * @param activation the hidden layers' activation id
   * @param optimizer {@code adam}, {@code adamw} or {@code sgd} (with momentum)
   * @param learningRate the step size
   * @param batchSize rows per mini-batch
   * @param localEpochs passes over its rows each partition makes per round
   * @param l2 L2 strength on the mean loss
   * @param seed the run's seed
   */
  record Config(
      int[] hidden,
      String activation,
      String optimizer,
      double learningRate,
      int batchSize,
      int localEpochs,
      double l2,
      long seed)
      implements Serializable {
    TrainingSettings training(long seedForRun) {
      return TrainingSettings.defaults().toBuilder()
          .optimizer(OptimizerType.parse(optimizer))
          .learningRate(learningRate)
          .batchSize(batchSize)
          .epochs(localEpochs)
          .l2(l2)
          .seed(seedForRun)
          .threads(1)
          .build();
    }

    NetworkSettings network() {
      return NetworkSettings.defaults().toBuilder()
          .hidden(Arrays.stream(hidden).boxed().toList())
          .activation(Activation.parse(activation))
          .build();
    }
  }

  static Model fit(
      JavaSparkContext context, PreparedData data, Config config, int rounds, String family) {
    long start = System.nanoTime();
    Head head = DistributedLinearTrainer.head(data, family);
    LabelEncoder classes = LabelEncoder.ofClasses(data.classNames);
    List<String> names = DistributedLinearTrainer.featureNames(data.spec.features());
    // The blocks hold x / scale; the rounds' models subtract centre / scale themselves.
    double[] shift = data.centreShift();
    float[] centre = new float[shift.length];
    float[] ones = new float[shift.length];
    for (int j = 0; j < shift.length; j++) {
      centre[j] = (float) shift[j];
      ones[j] = 1f;
    }
    FeatureTransform roundTransform =
        new FeatureTransform(data.transform.mode(), centre, ones, new float[shift.length]);
    Model current =
        NetworkTrainer.initialModel(
            config.training(config.seed()), config.network(), classes, names, roundTransform, head);
    int partitions = data.blocks.getNumPartitions();
    List<String> classNames = List.copyOf(data.classNames);
    for (int round = 0; round < rounds; round++) {
      Broadcast<byte[]> model = context.broadcast(ModelBytes.write(current));
      int r = round;
      double[] sums;
      try {
        sums =
            SparkErrors.unwrap(
                () ->
                    OrderedTree.reduce(
                        data.blocks.map(b -> localRound(b, model.value(), config, r, classNames)),
                        OrderedTree::add));
      } finally {
        model.destroy();
      }
      current = averaged(current, sums);
    }
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("trainer", "spark");
    training.put("model_type", "mlp");
    training.put("hidden", Arrays.stream(config.hidden()).boxed().toList());
    training.put("activation", config.activation());
    training.put("optimizer", config.optimizer());
    training.put("lr", config.learningRate());
    training.put("batch_size", config.batchSize());
    training.put("local_epochs", config.localEpochs());
    training.put("rounds", rounds);
    training.put("l2", config.l2());
    training.put("seed", config.seed());
    training.put("scale", data.transform.mode().id());
    training.put("rows", data.rows);
    training.put("features", data.spec.features());
    training.put("partitions", partitions);
    training.put("seconds", (System.nanoTime() - start) / 1e9);
    return new Model(
        classes,
        names,
        data.transform,
        current.body(),
        head,
        current.outputLayer(),
        new ModelInfo(training, Map.of(), ModelInfo.currentProvenance()));
  }

  /** One partition's round: its trained parameters times its rows, then its rows. */
  private static double[] localRound(
      RowBlock block, byte[] modelFile, Config config, int round, List<String> classNames) {
    Model init = ModelBytes.read(modelFile);
    int size = flatten(init).length;
    double[] out = new double[size + 1];
    if (block.rows() == 0) {
      return out;
    }
    dev.softclass.data.Dataset rows =
        new dev.softclass.data.Dataset(
            block.x(),
            block.y(),
            block.sets(),
            LabelEncoder.ofClasses(classNames),
            init.featureNames(),
            "partition " + block.partition(),
            null,
            false);
    long seed = config.seed() + 1_000_003L * (round + 1) + block.partition();
    Model trained =
        NetworkTrainer.fit(
            config.training(seed), config.network(), rows, ProgressListener.NONE, init);
    float[] params = flatten(trained);
    for (int i = 0; i < size; i++) {
      out[i] = (double) params[i] * block.rows();
    }
    out[size] = block.rows();
    return out;
  }

  /** Every weight and bias of the body's layers, then the output layer's. */
  static float[] flatten(Model model) {
    List<float[]> parts = new ArrayList<>();
    if (model.body() instanceof MlpBody mlp) {
      for (DenseLayer layer : mlp.layers()) {
        parts.add(layer.weights());
        parts.add(layer.bias());
      }
    }
    parts.add(model.outputLayer().weights());
    parts.add(model.outputLayer().bias());
    int n = parts.stream().mapToInt(p -> p.length).sum();
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** {@code shape} with the row-weighted mean parameters of {@code sums}. */
  private static Model averaged(Model shape, double[] sums) {
    double rows = sums[sums.length - 1];
    int[] at = {0};
    java.util.function.IntFunction<float[]> next =
        n -> {
          float[] p = new float[n];
          for (int i = 0; i < n; i++) {
            p[i] = (float) (sums[at[0] + i] / rows);
          }
          at[0] += n;
          return p;
        };
    dev.softclass.body.Body body = shape.body();
    if (body instanceof MlpBody mlp) {
      List<DenseLayer> layers = new ArrayList<>();
      for (DenseLayer layer : mlp.layers()) {
        float[] w = next.apply(layer.weights().length);
        float[] b = next.apply(layer.bias().length);
        layers.add(new DenseLayer(layer.outputs(), layer.inputs(), w, b));
      }
      body = new MlpBody(mlp.inputs(), mlp.activation(), layers);
    }
    OutputLayer o = shape.outputLayer();
    float[] w = next.apply(o.weights().length);
    float[] b = next.apply(o.bias().length);
    return new Model(
        shape.encoder(),
        shape.featureNames(),
        shape.transform(),
        body,
        shape.head(),
        new OutputLayer(o.outputs(), o.inputs(), w, b),
        shape.info());
  }
}
