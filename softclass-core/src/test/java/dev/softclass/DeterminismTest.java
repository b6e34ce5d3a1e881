package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.head.ClassSampler;
import dev.softclass.head.HeadType;
import dev.softclass.preprocess.text.TextNormalization;
import dev.softclass.text.LossType;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextSettings;
import dev.softclass.text.TextTrainer;
import dev.softclass.train.OptimizerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The determinism matrix: every model kind, trained with the same seed on 1, 2 and 4 threads, gives
 * bit-identical weights. Weights are compared as the bytes of the saved {@code weights.bin}, which
 * holds every parameter of any body and head, so a new model kind is one line in {@link #kinds}
 * with no code of its own. The data have several shards (more than 4,096 rows; mini-batches of 256
 * rows, four shards each) so that threads really split the work. Covers the linear trainer's L-BFGS
 * and SGD, the network trainer's optimisers (momentum SGD, Nesterov, Adam, AdamW) for linear models
 * and MLPs on dense and sparse rows, sigmoid, softmax and multi-label heads, and the text trainer's
 * five heads (its deterministic mode, the default).
 */
class DeterminismTest {
  private static final int[] THREADS = {1, 2, 4};

  @TempDir Path dir;

  /**
   * Every model kind: a name, and how to train it with a given number of threads (a {@link Model}
   * or a {@link TextModel}).
   */
  private static Map<String, IntFunction<Object>> kinds() throws IOException {
    Dataset dense3 = ClassifierContract.blobs(11, 9000, 6, List.of("a", "b", "c"));
    Dataset dense2 = ClassifierContract.blobs(12, 9000, 6, List.of("a", "b"));
    Dataset sparse3 = LogisticContractTest.sparse(13, 9000, 50, 3);
    Dataset sparse2 = LogisticContractTest.sparse(14, 9000, 50, 2);
    Classifier lbfgs = Classifier.logistic().convergence(60, 1e-9).seed(3);
    Classifier sgd = Classifier.logistic().optimizer(OptimizerType.SGD).sgd(2, 32, 0.1).seed(3);
    Map<String, IntFunction<Object>> kinds = new LinkedHashMap<>();
    kinds.put("sigmoid  L-BFGS dense ", t -> lbfgs.threads(t).fit(dense2));
    kinds.put("softmax2 L-BFGS dense ", t -> lbfgs.head(HeadType.SOFTMAX).threads(t).fit(dense2));
    kinds.put("softmax3 L-BFGS dense ", t -> lbfgs.threads(t).fit(dense3));
    kinds.put("sigmoid  L-BFGS sparse", t -> lbfgs.threads(t).fit(sparse2));
    kinds.put("softmax3 L-BFGS sparse", t -> lbfgs.threads(t).fit(sparse3));
    kinds.put("sigmoid  SGD    dense ", t -> sgd.threads(t).fit(dense2));
    kinds.put("softmax2 SGD    dense ", t -> sgd.head(HeadType.SOFTMAX).threads(t).fit(dense2));
    kinds.put("softmax3 SGD    dense ", t -> sgd.threads(t).fit(dense3));
    kinds.put("sigmoid  SGD    sparse", t -> sgd.threads(t).fit(sparse2));
    kinds.put("softmax3 SGD    sparse", t -> sgd.threads(t).fit(sparse3));
    Dataset yeast = yeast();
    kinds.put("multi-label L-BFGS     ", t -> lbfgs.threads(t).fit(yeast));
    kinds.put("multi-label SGD        ", t -> sgd.threads(t).fit(yeast));
    // Mini-batches of 256 rows have four shards each: 2,048 rows are plenty for the networks.
    Dataset small2 = ClassifierContract.blobs(15, 2048, 6, List.of("a", "b"));
    Dataset small3 = ClassifierContract.blobs(16, 2048, 6, List.of("a", "b", "c"));
    Dataset smallSparse3 = LogisticContractTest.sparse(17, 2048, 50, 3);
    // The hinge head also fits five cross-fitting folds for its Platt sigmoids; L-BFGS needs the
    // 9,000 rows to split its gradient pass, SGD's mini-batches split 2,048.
    kinds.put("hinge2   L-BFGS dense ", t -> lbfgs.head(HeadType.HINGE).threads(t).fit(dense2));
    kinds.put(
        "hinge3   SGD    dense ",
        t ->
            sgd.head(HeadType.HINGE)
                .loss(dev.softclass.train.LossType.HINGE)
                .threads(t)
                .fit(small3));
    for (OptimizerType optimizer :
        List.of(OptimizerType.SGD, OptimizerType.ADAM, OptimizerType.ADAMW)) {
      String name = optimizer == OptimizerType.SGD ? "momentum" : optimizer.id();
      Classifier plain = Classifier.logistic().optimizer(optimizer).sgd(1, 256, 0.01).seed(3);
      Classifier linear = optimizer == OptimizerType.SGD ? plain.momentum(0.9, false) : plain;
      kinds.put(String.format("sigmoid  %-8s dense ", name), t -> linear.threads(t).fit(small2));
      kinds.put(String.format("softmax3 %-8s dense ", name), t -> linear.threads(t).fit(small3));
      kinds.put(
          String.format("softmax3 %-8s sparse", name), t -> linear.threads(t).fit(smallSparse3));
      Classifier mlp = linear.hidden(16, 8).dropout(0.2);
      kinds.put(String.format("MLP      %-8s dense ", name), t -> mlp.threads(t).fit(small3));
      kinds.put(String.format("MLP      %-8s sparse", name), t -> mlp.threads(t).fit(smallSparse3));
    }
    Classifier nesterov =
        Classifier.logistic()
            .optimizer(OptimizerType.SGD)
            .sgd(2, 256, 0.01)
            .seed(3)
            .hidden(16)
            .momentum(0.9, true);
    kinds.put("MLP      nesterov dense ", t -> nesterov.threads(t).fit(small3));
    kinds.put(
        "MLP      adam     multi ",
        t ->
            Classifier.logistic()
                .optimizer(OptimizerType.ADAM)
                .sgd(3, 64, 0.01)
                .seed(3)
                .hidden(16)
                .threads(t)
                .fit(yeast));
    TextData udhr = udhr();
    for (LossType loss : LossType.values()) {
      kinds.put(
          String.format("text     %-13s", loss.id()),
          t -> new TextTrainer(textSettings(loss, t)).fit(udhr));
    }
    return kinds;
  }

  private static Dataset yeast() throws IOException {
    try (Reader r = resource("/datasets/yeast/yeast-400.csv")) {
      return DataReaders.read(r, "yeast-400.csv", DataFormat.CSV, "label", true)
          .toMultiLabelDataset(";");
    }
  }

  private static TextData udhr() throws IOException {
    try (Reader r = resource("/datasets/udhr_langid/udhr_8langs.ft.txt")) {
      return FastTextReader.read(r, "udhr_8langs.ft.txt", true);
    }
  }

  private static Reader resource(String name) {
    return new InputStreamReader(
        DeterminismTest.class.getResourceAsStream(name), StandardCharsets.UTF_8);
  }

  private static TextSettings textSettings(LossType loss, int threads) {
    return new TextSettings(
        16,
        2,
        0.5,
        2,
        0,
        0,
        20_000,
        1,
        loss,
        3,
        ClassSampler.Kind.UNIGRAM,
        false,
        false,
        TextNormalization.NFC,
        threads,
        false,
        7);
  }

  @Test
  void threadCountNeverChangesTheWeights() throws IOException {
    StringBuilder matrix = new StringBuilder("determinism matrix (SHA-256 of weights.bin):\n");
    matrix.append(String.format("%-23s %-12s %-12s %-12s%n", "kind", "1 thread", "2", "4"));
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, IntFunction<Object>> kind : kinds().entrySet()) {
      List<String> hashes = new ArrayList<>();
      for (int threads : THREADS) {
        hashes.add(weightsHash(kind.getValue().apply(threads)));
      }
      matrix.append(String.format("%-23s", kind.getKey()));
      hashes.forEach(h -> matrix.append(' ').append(String.format("%-12s", h.substring(0, 12))));
      boolean same = hashes.stream().distinct().count() == 1;
      matrix.append(same ? " identical" : " DIFFERENT").append('\n');
      if (!same) {
        differing.add(kind.getKey());
      }
    }
    System.out.print(matrix);
    if (!differing.isEmpty()) {
      fail("weights depend on the thread count for " + differing + "\n" + matrix);
    }
    assertThat(differing).isEmpty();
  }

  private String weightsHash(Object model) throws IOException {
    Path file = Files.createTempFile(dir, "model", ".softclass");
    if (model instanceof TextModel text) {
      text.save(file);
    } else {
      ((Model) model).save(file);
    }
    try (ZipFile zip = new ZipFile(file.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("weights.bin"))) {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
