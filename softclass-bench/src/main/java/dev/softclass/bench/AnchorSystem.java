package dev.softclass.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.data.LabelEncoder;
import dev.softclass.head.HeadType;
import dev.softclass.preprocess.ScaleMode;
import dev.softclass.train.OptimizerType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Softclass as one more system of the anchors harness ({@code ../shared/anchors}): reads the
 * harness's split files, trains with the harness's regularisation ({@code l2 = 1 / (C n)}), and
 * writes {@code probs.txt} and {@code timing.json} into the output folder.
 *
 * <p>Arguments: {@code --train F --test F --format csv|libsvm --k K --C C --out DIR} and optional
 * {@code --optimizer lbfgs|sgd --epochs N --threads T --tol X --max-iter N --scale auto|none
 * --batch-size N --lr X --head auto|sigmoid|softmax --hidden N[,N...]} ({@code --hidden} trains a
 * multilayer perceptron, with {@code --optimizer adam|adamw|sgd}; SGD learning rate 0, the default,
 * is automatic; {@code --head softmax} matches scikit-learn's symmetric multinomial
 * parameterisation of binary problems, which the harness uses).
 */
public final class AnchorSystem {
  private AnchorSystem() {}

  /** Runs one system: train, predict, write the harness's files. */
  public static void main(String[] args) throws IOException {
    Map<String, String> a = parse(args);
    Path out = Path.of(a.get("--out"));
    Files.createDirectories(out);
    DataFormat format = DataFormat.parse(a.get("--format"));
    int k = Integer.parseInt(a.get("--k"));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      names.add(Integer.toString(i));
    }
    LabelEncoder classes = LabelEncoder.ofClasses(names);

    long loadStart = System.nanoTime();
    Dataset train =
        DataReaders.read(Path.of(a.get("--train")), format, "label", true).toDataset(classes);
    Dataset test =
        DataReaders.read(Path.of(a.get("--test")), format, "label", true).toDataset(classes);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

    double c = Double.parseDouble(a.get("--C"));
    double l2 = 1.0 / (c * train.size());
    Classifier classifier =
        Classifier.logistic()
            .l2(l2)
            .optimizer(OptimizerType.parse(a.getOrDefault("--optimizer", "lbfgs")))
            .convergence(
                Integer.parseInt(a.getOrDefault("--max-iter", "500")),
                Double.parseDouble(a.getOrDefault("--tol", "1e-5")))
            .sgd(
                Integer.parseInt(a.getOrDefault("--epochs", "10")),
                Integer.parseInt(a.getOrDefault("--batch-size", "1")),
                Double.parseDouble(a.getOrDefault("--lr", "0")))
            .scale(ScaleMode.parse(a.getOrDefault("--scale", "auto")))
            .head(HeadType.parse(a.getOrDefault("--head", "auto")))
            .threads(
                Integer.parseInt(
                    a.getOrDefault(
                        "--threads",
                        Integer.toString(Runtime.getRuntime().availableProcessors()))));

    if (a.containsKey("--hidden")) {
      classifier =
          classifier.hidden(
              java.util.Arrays.stream(a.get("--hidden").split(","))
                  .mapToInt(Integer::parseInt)
                  .toArray());
    }

    long cpuStart = processCpuNanos();
    long trainStart = System.nanoTime();
    Model model = classifier.fit(train);
    double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
    double trainCpu = (processCpuNanos() - cpuStart) / 1e9;

    long predictStart = System.nanoTime();
    double[][] probs = model.predictProba(test);
    double predictSeconds = (System.nanoTime() - predictStart) / 1e9;

    try (BufferedWriter w = Files.newBufferedWriter(out.resolve("probs.txt"))) {
      StringBuilder line = new StringBuilder();
      for (double[] row : probs) {
        line.setLength(0);
        // Class index order: a class missing from the training data still gets its column.
        for (int j = 0; j < k; j++) {
          if (j > 0) {
            line.append(' ');
          }
          line.append(j < row.length ? row[j] : 0.0);
        }
        w.write(line.append('\n').toString());
      }
    }
    Map<String, Object> timing = new LinkedHashMap<>();
    timing.put("status", "ok");
    timing.put("train_wall_s", trainSeconds);
    timing.put("train_cpu_s", trainCpu);
    timing.put("predict_wall_s", predictSeconds);
    timing.put("n_test", test.size());
    timing.put("load_s", loadSeconds);
    Map<String, Object> t = model.info().training();
    timing.put(
        "params",
        "l2="
            + l2
            + " optimizer="
            + t.get("optimizer")
            + " iterations="
            + t.get("iterations")
            + " converged="
            + t.get("converged")
            + " threads="
            + t.get("threads")
            + (t.containsKey("hidden")
                ? " hidden=" + t.get("hidden") + " s/epoch=" + t.get("seconds_per_epoch")
                : ""));
    if (t.containsKey("seconds_per_epoch")) {
      timing.put("seconds_per_epoch", t.get("seconds_per_epoch"));
    }
    timing.put("converged", t.get("converged"));
    new ObjectMapper().writeValue(out.resolve("timing.json").toFile(), timing);
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      m.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--train", "--test", "--format", "--k", "--C", "--out")) {
      if (!m.containsKey(required)) {
        throw new IllegalArgumentException("missing " + required);
      }
    }
    return m;
  }
}
