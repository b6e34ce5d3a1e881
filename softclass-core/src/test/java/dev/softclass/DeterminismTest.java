package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.softclass.data.Dataset;
import dev.softclass.head.HeadType;
import dev.softclass.train.OptimizerType;
import java.io.IOException;
import java.io.InputStream;
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
 * with no code of its own. The data have several shards (more than 4,096 rows) so that threads
 * really split the work.
 */
class DeterminismTest {
  private static final int[] THREADS = {1, 2, 4};

  @TempDir Path dir;

  /** Every model kind: a name, and how to train it with a given number of threads. */
  private static Map<String, IntFunction<Model>> kinds() {
    Dataset dense3 = ClassifierContract.blobs(11, 9000, 6, List.of("a", "b", "c"));
    Dataset dense2 = ClassifierContract.blobs(12, 9000, 6, List.of("a", "b"));
    Dataset sparse3 = LogisticContractTest.sparse(13, 9000, 50, 3);
    Dataset sparse2 = LogisticContractTest.sparse(14, 9000, 50, 2);
    Classifier lbfgs = Classifier.logistic().convergence(60, 1e-9).seed(3);
    Classifier sgd = Classifier.logistic().optimizer(OptimizerType.SGD).sgd(2, 32, 0.1).seed(3);
    Map<String, IntFunction<Model>> kinds = new LinkedHashMap<>();
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
    return kinds;
  }

  @Test
  void threadCountNeverChangesTheWeights() throws IOException {
    StringBuilder matrix = new StringBuilder("determinism matrix (SHA-256 of weights.bin):\n");
    matrix.append(String.format("%-22s %-12s %-12s %-12s%n", "kind", "1 thread", "2", "4"));
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, IntFunction<Model>> kind : kinds().entrySet()) {
      List<String> hashes = new ArrayList<>();
      for (int threads : THREADS) {
        hashes.add(weightsHash(kind.getValue().apply(threads)));
      }
      matrix.append(String.format("%-22s", kind.getKey()));
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

  private String weightsHash(Model model) throws IOException {
    Path file = Files.createTempFile(dir, "model", ".softclass");
    model.save(file);
    try (ZipFile zip = new ZipFile(file.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("weights.bin"))) {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
