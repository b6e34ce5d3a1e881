package dev.softclass.text;

import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.body.EmbeddingBagBody;
import dev.softclass.data.TextData;
import dev.softclass.head.ClassSampler;
import dev.softclass.head.FullSoftmaxHead;
import dev.softclass.head.HeadScratch;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.head.NegativeSamplingHead;
import dev.softclass.head.OneVsAllHead;
import dev.softclass.head.SampledSoftmaxHead;
import dev.softclass.head.SgdHead;
import dev.softclass.kernel.VectorOps;
import dev.softclass.preprocess.text.TextFeatures;
import dev.softclass.preprocess.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains a {@link TextModel} by SGD, one example at a time, with fastText's learning-rate schedule
 * (linear decay from {@code lr} to 0 over all epochs).
 *
 * <p>Determinism: by default the model depends only on the data and the seed. Text is turned into
 * embedding rows once, on all threads, before training (fastText re-reads and re-hashes every
 * epoch); the SGD steps then run in one fixed order (shuffled per epoch from the seed), so any
 * thread count gives the same model bit for bit. With {@code hogwild} the threads instead update
 * the shared weights without locks, each on its share of every epoch: faster on several cores, but
 * the result then depends on how the threads interleave.
 */
public final class TextTrainer {
  private final TextSettings settings;

  /** A trainer with these settings. */
  public TextTrainer(TextSettings settings) {
    this.settings = settings;
  }

  /**
   * Fits a model on labelled text.
   *
   * @throws SoftclassException if a line has no or several labels, or there are fewer than 2
   *     classes
   */
  public TextModel fit(TextData data) {
    long start = System.nanoTime();
    int[] y = data.singleLabels();
    int numClasses = data.encoder().size();
    if (numClasses < 2) {
      throw new SoftclassException(
          data.source()
              + ": every line has the label "
              + data.encoder().classes()
              + "; a classifier needs at least two classes");
    }
    TextSettings s = settings;
    TextFeatures features =
        TextFeatures.fit(
            data.texts(),
            new Tokenizer(s.lowercase()),
            s.minCount(),
            s.effectiveBuckets(),
            s.minn(),
            s.maxn(),
            s.wordNgrams());
    TextFeatures.Rows rows = features.rows(data.texts(), s.threads());
    double[] counts = new double[numClasses];
    for (int label : y) {
      counts[label]++;
    }
    double featureSeconds = (System.nanoTime() - start) / 1e9;
    SgdHead head = head(s, counts);
    EmbeddingBagBody body = EmbeddingBagBody.random(features.rows(), s.dim(), s.seed());
    float[] output = new float[head.numRows() * s.dim()];
    long sgdStart = System.nanoTime();
    double[] epochLoss =
        s.hogwild() && s.threads() > 1
            ? trainHogwild(rows, y, body, head, output)
            : trainSequential(rows, y, body, head, output);
    double sgdSeconds = (System.nanoTime() - sgdStart) / 1e9;
    Map<String, Object> training = new LinkedHashMap<>(s.params());
    training.put("threads", s.threads());
    training.put("deterministic", !(s.hogwild() && s.threads() > 1));
    training.put("rows", data.size());
    training.put("vocabulary", features.words().size());
    training.put("kernel", VectorOps.kernelName());
    training.put("final_epoch_loss", epochLoss[epochLoss.length - 1]);
    training.put("feature_seconds", featureSeconds);
    training.put("sgd_seconds", sgdSeconds);
    training.put("seconds", (System.nanoTime() - start) / 1e9);
    return new TextModel(
        data.encoder(),
        features,
        body,
        head,
        output,
        new ModelInfo(training, Map.of(), ModelInfo.currentProvenance()));
  }

  /** The head for the settings, given the training count of each class. */
  static SgdHead head(TextSettings s, double[] counts) {
    int k = counts.length;
    return switch (s.loss()) {
      case SOFTMAX -> new FullSoftmaxHead(k, s.dim());
      case OVA -> new OneVsAllHead(k, s.dim());
      case HS -> new HierarchicalSoftmaxHead(counts, s.dim());
      case SAMPLED ->
          new SampledSoftmaxHead(k, s.dim(), s.neg(), new ClassSampler(s.sampler(), counts));
      case NS ->
          new NegativeSamplingHead(
              k, s.dim(), s.neg(), new ClassSampler(s.sampler(), counts), s.nsSoftmax());
    };
  }

  private double[] trainSequential(
      TextFeatures.Rows rows, int[] y, EmbeddingBagBody body, SgdHead head, float[] output) {
    int n = y.length;
    int epochs = settings.epochs();
    double total = (double) epochs * n;
    Worker worker = new Worker(rows, y, body, head, output, settings.seed());
    double[] losses = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      int[] order = shuffled(n, settings.seed() + e);
      losses[e] = worker.run(order, 0, n, e * (double) n, total) / n;
      checkFinite(losses[e], e);
    }
    return losses;
  }

  private double[] trainHogwild(
      TextFeatures.Rows rows, int[] y, EmbeddingBagBody body, SgdHead head, float[] output) {
    int n = y.length;
    int threads = Math.min(settings.threads(), n);
    int epochs = settings.epochs();
    double total = (double) epochs * n;
    Worker[] workers = new Worker[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = new Worker(rows, y, body, head, output, settings.seed() * 31 + t);
    }
    double[] losses = new double[epochs];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int e = 0; e < epochs; e++) {
        int[] order = shuffled(n, settings.seed() + e);
        List<Future<Double>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int from = (int) ((long) n * t / threads);
          int to = (int) ((long) n * (t + 1) / threads);
          Worker w = workers[t];
          double done = e * (double) n;
          // Each thread's share advances the schedule as if the threads ran at the same pace.
          parts.add(pool.submit(() -> w.runScaled(order, from, to, done, total, threads)));
        }
        double sum = 0;
        for (Future<Double> f : parts) {
          sum += f.get();
        }
        losses[e] = sum / n;
        checkFinite(losses[e], e);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new SoftclassException("training interrupted", ex);
    } catch (java.util.concurrent.ExecutionException ex) {
      throw ex.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(ex.getCause());
    } finally {
      pool.shutdownNow();
    }
    return losses;
  }

  private void checkFinite(double loss, int epoch) {
    if (!Double.isFinite(loss)) {
      throw new SoftclassException(
          "training diverged in epoch "
              + (epoch + 1)
              + " (loss "
              + loss
              + "): lower --lr (now "
              + settings.lr()
              + ")");
    }
  }

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  /** One thread's buffers and its SGD loop. */
  private final class Worker {
    private final int[] offsets;
    private final int[] ids;
    private final int[] y;
    private final EmbeddingBagBody body;
    private final SgdHead head;
    private final float[] output;
    private final float[] hidden;
    private final float[] grad;
    private final HeadScratch scratch;

    Worker(
        TextFeatures.Rows rows,
        int[] y,
        EmbeddingBagBody body,
        SgdHead head,
        float[] output,
        long seed) {
      this.offsets = rows.offsets();
      this.ids = rows.ids();
      this.y = y;
      this.body = body;
      this.head = head;
      this.output = output;
      this.hidden = new float[body.dim()];
      this.grad = new float[body.dim()];
      this.scratch = head.newScratch(seed);
    }

    double run(int[] order, int from, int to, double done, double total) {
      return runScaled(order, from, to, done, total, 1);
    }

    /** Steps through {@code order[from..to)}; each step counts as {@code pace} examples done. */
    double runScaled(int[] order, int from, int to, double done, double total, int pace) {
      double lr0 = settings.lr();
      double loss = 0;
      for (int i = from; i < to; i++) {
        int r = order[i];
        float lr = (float) (lr0 * Math.max(0, 1 - (done + (double) (i - from) * pace) / total));
        int a = offsets[r];
        int b = offsets[r + 1];
        body.hidden(ids, a, b, hidden);
        java.util.Arrays.fill(grad, 0f);
        loss += head.step(hidden, y[r], output, lr, grad, scratch);
        body.backward(ids, a, b, grad);
      }
      return loss;
    }
  }
}
