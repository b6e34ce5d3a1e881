package dev.softclass.spark;

import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.body.LinearBody;
import dev.softclass.data.LabelEncoder;
import dev.softclass.guard.GuardRailException;
import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.optim.Lbfgs;
import dev.softclass.optim.OptimizationResult;
import dev.softclass.optim.OwlQn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains logistic regression on prepared partitions with the core's L-BFGS (or OWL-QN when there is
 * an L1 term) over {@link DistributedLinearObjective}: the same objective, optimiser settings and
 * model layout as the single-machine trainer, so the two agree up to rounding.
 */
final class DistributedLinearTrainer {
  /** Correction pairs kept by L-BFGS (as the single-machine trainer). */
  private static final int MEMORY = 10;

  private DistributedLinearTrainer() {}

  /** What a run found, besides the model: for logs and the benchmark. */
  record Outcome(Model model, int iterations, int passes, double partitionSeconds) {}

  /**
   * @param family {@code auto}, {@code sigmoid} or {@code softmax} (ignored for multi-label data)
   * @param l2 L2 strength on the mean loss
   * @param l1 L1 strength on the mean loss
   */
  static Outcome fit(
      JavaSparkContext context,
      PreparedData data,
      String family,
      double l2,
      double l1,
      int maxIter,
      double tol) {
    long start = System.nanoTime();
    Head head = head(data, family);
    DistributedLinearObjective objective = new DistributedLinearObjective(context, data, head, l2);
    double[] x0 = new double[objective.dimension()];
    OptimizationResult result =
        l1 > 0
            ? new OwlQn(MEMORY, maxIter, tol, 1e-12)
                .minimize(objective, x0, l1, objective.layout().penalisedCount(), (i, t, v) -> {})
            : new Lbfgs(MEMORY, maxIter, tol, 1e-12).minimize(objective, x0, (i, t, v) -> {});
    if (!Double.isFinite(result.value())) {
      throw new SoftclassException(
          "training diverged (the objective became " + result.value() + "): scale the features");
    }
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("trainer", "spark");
    training.put("head", head.name());
    training.put("l2", l2);
    training.put("l1", l1);
    training.put("optimizer", l1 > 0 ? "owlqn" : "lbfgs");
    training.put("max_iter", maxIter);
    training.put("tol", tol);
    training.put("scale", data.transform.mode().id());
    training.put("rows", data.rows);
    training.put("features", data.spec.features());
    training.put("partitions", data.blocks.getNumPartitions());
    training.put("iterations", result.iterations());
    training.put("evaluations", result.evaluations());
    training.put("converged", result.converged());
    training.put("stop_reason", result.reason());
    training.put("objective", result.value());
    training.put("seconds", (System.nanoTime() - start) / 1e9);
    training.put("stored_values", data.storedValues);
    training.put("partition_task_seconds", objective.partitionSeconds());
    training.put("partition_task_cpu_seconds", objective.partitionCpuSeconds());
    Model model =
        new Model(
            LabelEncoder.ofClasses(data.classNames),
            featureNames(data.spec.features()),
            data.transform,
            new LinearBody(),
            head,
            objective.layout().outputLayer(result.x()),
            new ModelInfo(training, Map.of(), ModelInfo.currentProvenance()));
    return new Outcome(
        model, result.iterations(), objective.evaluations(), objective.partitionSeconds());
  }

  /** {@code f1 .. fd}, as the core names unnamed columns. */
  static List<String> featureNames(int d) {
    return java.util.stream.IntStream.rangeClosed(1, d).mapToObj(i -> "f" + i).toList();
  }

  static Head head(PreparedData data, String family) {
    int classes = data.classNames.size();
    if (data.spec.multiLabel()) {
      if ("softmax".equals(family)) {
        throw new GuardRailException(
            "A softmax head cannot learn multi-label data: the labels would compete and sum to 1."
                + " Use family auto (independent sigmoids, one logistic regression per label).");
      }
      return new IndependentSigmoidHead(classes);
    }
    return switch (family) {
      case "sigmoid" -> {
        if (classes != 2) {
          throw new GuardRailException(
              "The sigmoid family separates two classes, but the labels name "
                  + classes
                  + ": use family softmax (or auto)");
        }
        yield new SigmoidHead();
      }
      case "softmax" -> new SoftmaxHead(classes);
      default -> classes == 2 ? new SigmoidHead() : new SoftmaxHead(classes);
    };
  }
}
