package dev.softclass.text;

import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.body.EmbeddingBagBody;
import dev.softclass.body.EmbeddingInit;
import dev.softclass.calibrate.LabelDecision;
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
import dev.softclass.optim.EpochCheckpoints;
import dev.softclass.optim.TrainingState;
import dev.softclass.preprocess.text.TextFeatures;
import dev.softclass.preprocess.text.TextNormalization;
import dev.softclass.preprocess.text.Tokenizer;
import dev.softclass.train.CheckpointStore;
import dev.softclass.train.Checkpointing;
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
 *
 * <p>Only the embedding rows that some training example touches are allocated and trained; the
 * model regenerates the others' initial values from the seed ({@link EmbeddingInit}), so it equals,
 * bit for bit, the model of a trainer that allocated and initialised the whole matrix.
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
   * @throws SoftclassException if a line has no label, or several for a head other than one-vs-all
   *     (which then learns label sets: see {@link TextModel#isMultiLabel()}), or there are fewer
   *     than 2 classes
   */
  public TextModel fit(TextData data) {
    return fit(data, null);
  }

  /**
   * Fits a model on labelled text, saving checkpoints (the embeddings, the output rows and the
   * epoch losses) as {@code checkpointing} says and resuming from one if it asks. The example order
   * and the sampled classes of each epoch are drawn from the seed and the epoch alone, so a resumed
   * run ends with the same model, bit for bit, as an uninterrupted one (unless hogwild, which is
   * not reproducible at all).
   *
   * @param checkpointing where and when to save checkpoints, or null for none
   * @throws SoftclassException as {@link #fit(TextData)}, or if the checkpoint to resume from
   *     belongs to another run (other data or settings)
   */
  public TextModel fit(TextData data, Checkpointing checkpointing) {
    long start = System.nanoTime();
    TrainingLabels y = TrainingLabels.of(data, settings.loss());
    int numClasses = data.encoder().size();
    if (numClasses < 2) {
      throw new SoftclassException(
          data.source()
              + ": every line has the label "
              + data.encoder().classes()
              + "; a classifier needs at least two classes");
    }
    TextSettings s = settings;
    TextFeatures.Fitted fitted =
        TextFeatures.fitRows(
            data.texts(),
            new Tokenizer(s.lowercase(), s.normalization()),
            s.minCount(),
            s.effectiveBuckets(),
            s.minn(),
            s.maxn(),
            s.wordNgrams(),
            s.threads());
    TextFeatures features = fitted.features();
    TextFeatures.Rows rows = fitted.rows();
    double[] counts = y.counts(numClasses);
    double featureSeconds = (System.nanoTime() - start) / 1e9;
    long initStart = System.nanoTime();
    SgdHead head = head(s, counts);
    EmbeddingBagBody.checkSize(features.rows(), s.dim());
    // Only the rows some example touches can change: train a matrix of those alone (the others
    // keep their initial values, regenerated from the seed when needed).
    TouchedRows touched = TouchedRows.of(rows, features.rows());
    EmbeddingRows body = EmbeddingRows.initial(s.seed(), s.dim(), touched.rows());
    TextFeatures.Rows trainRows = touched.compactRows();
    float[] output = new float[head.numRows() * s.dim()];
    VectorOps.Kernels kernels = VectorOps.forWork(headWork(s, numClasses, y.size()));
    double initSeconds = (System.nanoTime() - initStart) / 1e9;
    CheckpointStore store = null;
    if (checkpointing != null) {
      Map<String, Object> params = new java.util.TreeMap<>(s.params());
      if (s.normalization() == TextNormalization.NFC) {
        // The default, and what every run did before the option existed: such runs' checkpoints
        // keep the fingerprint they had, and still resume.
        params.remove("normalization");
      }
      if (s.hogwild()) {
        params.put("hogwild_threads", s.threads());
      }
      store =
          new CheckpointStore(
              checkpointing, CheckpointStore.fingerprint(params, s.lr(), checkpointData(rows, y)));
    }
    Epochs epochs =
        new Epochs(store == null ? EpochCheckpoints.NONE : store, body, touched, output, y.size());
    long sgdStart = System.nanoTime();
    boolean hogwild = s.hogwild() && s.threads() > 1;
    double[] epochLoss =
        hogwild
            ? trainHogwild(trainRows, y, body, head, kernels, output, epochs)
            : trainSequential(trainRows, y, body, head, kernels, output, epochs);
    double sgdSeconds = (System.nanoTime() - sgdStart) / 1e9;
    EmbeddingBagBody trained =
        EmbeddingBagBody.withInitialRows(
            features.rows(), s.dim(), s.seed(), touched.rows(), body.values());
    // fastText's words/sec/thread counts every token read, the label and </s> included.
    long tokens =
        (long) (s.epochs() - epochs.first)
            * (words(rows, features.words().size()) + y.labelTokens());
    Map<String, Object> training = new LinkedHashMap<>(s.params());
    training.put("threads", s.threads());
    training.put("deterministic", !(s.hogwild() && s.threads() > 1));
    training.put("rows", data.size());
    training.put("vocabulary", features.words().size());
    training.put("kernel", kernels.name());
    training.put("final_epoch_loss", epochLoss[epochLoss.length - 1]);
    if (store != null && store.resumedFrom() > 0) {
      training.put("resumed_after_epoch", store.resumedFrom());
    }
    training.put("embedding_rows_trained", touched.rows().length);
    training.put("feature_seconds", featureSeconds);
    training.put("init_seconds", initSeconds);
    training.put("sgd_seconds", sgdSeconds);
    training.put("sgd_tokens_per_second", tokens / sgdSeconds);
    training.put(
        "sgd_tokens_per_second_per_thread", tokens / sgdSeconds / (hogwild ? s.threads() : 1));
    training.put("seconds", (System.nanoTime() - start) / 1e9);
    return new TextModel(
        data.encoder(),
        features,
        trained,
        head,
        output,
        new ModelInfo(training, Map.of(), ModelInfo.currentProvenance()),
        1,
        null,
        y.multiLabel() ? LabelDecision.DEFAULT : null);
  }

  /** The data a checkpoint belongs to: the rows' features and labels. */
  private static int[][] checkpointData(TextFeatures.Rows rows, TrainingLabels y) {
    int[][] labels = y.fingerprint();
    int[][] all = new int[2 + labels.length][];
    all[0] = rows.offsets();
    all[1] = rows.ids();
    System.arraycopy(labels, 0, all, 2, labels.length);
    return all;
  }

  /** Number of vocabulary words (not n-grams) in all rows: ids below {@code numWords}. */
  private static long words(TextFeatures.Rows rows, int numWords) {
    long n = 0;
    for (int id : rows.ids()) {
      if (id < numWords) {
        n++;
      }
    }
    return n;
  }

  /**
   * Multiply-adds of the head's training steps over the whole run (a score and two row updates per
   * output row a step uses), which decides the kernels they run on ({@link VectorOps#forWork}).
   */
  private static double headWork(TextSettings s, int numClasses, int examples) {
    int rowsPerStep =
        switch (s.loss()) {
          case SOFTMAX, OVA -> numClasses;
          case SAMPLED, NS -> s.neg() + 1;
          case HS -> 32 - Integer.numberOfLeadingZeros(numClasses - 1);
        };
    return 3.0 * rowsPerStep * s.dim() * examples * (double) s.epochs();
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

  /** The epoch losses and the checkpoints of one run: where it resumes, what it saves. */
  private final class Epochs {
    private final EpochCheckpoints checkpoints;
    private final EmbeddingRows body;
    private final float[] output;
    private final int examples;
    final double[] losses = new double[settings.epochs()];
    final int first;

    Epochs(
        EpochCheckpoints checkpoints,
        EmbeddingRows body,
        TouchedRows touched,
        float[] output,
        int examples) {
      this.checkpoints = checkpoints;
      this.examples = examples;
      this.body = body;
      this.output = output;
      TrainingState resumed = checkpoints.restore();
      if (resumed == null) {
        first = 0;
        return;
      }
      first = resumed.epochsDone();
      body.set(touched.restore(resumed, "embeddings", body.dim()));
      System.arraycopy(resumed.floatArray("output", output.length), 0, output, 0, output.length);
      System.arraycopy(resumed.array("losses", first), 0, losses, 0, first);
    }

    /** Records epoch {@code e}'s (0-based) mean loss and saves a checkpoint if one is due. */
    void done(int e, double meanLoss) {
      losses[e] = meanLoss;
      checkFinite(meanLoss, e);
      // Saved synchronously before the next epoch: the arrays need no copy.
      checkpoints.afterEpoch(
          e + 1,
          () ->
              new TrainingState(
                  e + 1,
                  (long) (e + 1) * examples,
                  Map.of("losses", java.util.Arrays.copyOf(losses, e + 1)),
                  Map.of("embeddings", body.values(), "output", output)));
    }
  }

  /** The seed of the sampled classes of {@code worker}'s share of epoch {@code e}. */
  private long samplerSeed(long worker, int e) {
    return (worker * 0x9E3779B97F4A7C15L) ^ (e + 1) * 0xBF58476D1CE4E5B9L;
  }

  private double[] trainSequential(
      TextFeatures.Rows rows,
      TrainingLabels y,
      EmbeddingRows body,
      SgdHead head,
      VectorOps.Kernels kernels,
      float[] output,
      Epochs epochs) {
    int n = y.size();
    double total = (double) settings.epochs() * n;
    Worker worker = new Worker(rows, y, body, head, kernels, output, settings.seed());
    for (int e = epochs.first; e < settings.epochs(); e++) {
      int[] order = shuffled(n, settings.seed() + e);
      worker.scratch.reseed(samplerSeed(settings.seed(), e));
      epochs.done(e, worker.run(order, 0, n, e * (double) n, total) / n);
    }
    return epochs.losses;
  }

  private double[] trainHogwild(
      TextFeatures.Rows rows,
      TrainingLabels y,
      EmbeddingRows body,
      SgdHead head,
      VectorOps.Kernels kernels,
      float[] output,
      Epochs epochs) {
    int n = y.size();
    int threads = Math.min(settings.threads(), n);
    double total = (double) settings.epochs() * n;
    Worker[] workers = new Worker[threads];
    boolean everyRow = settings.loss() == LossType.SOFTMAX || settings.loss() == LossType.OVA;
    for (int t = 0; t < threads; t++) {
      workers[t] = new Worker(rows, y, body, head, kernels, output, settings.seed() * 31 + t);
      if (everyRow) {
        workers[t].copyOutputLayer();
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int e = epochs.first; e < settings.epochs(); e++) {
        int[] order = shuffled(n, settings.seed() + e);
        List<Future<Double>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int from = (int) ((long) n * t / threads);
          int to = (int) ((long) n * (t + 1) / threads);
          Worker w = workers[t];
          w.scratch.reseed(samplerSeed(settings.seed() * 31 + t, e));
          double done = e * (double) n;
          // Each thread's share advances the schedule as if the threads ran at the same pace.
          parts.add(pool.submit(() -> w.runScaled(order, from, to, done, total, threads)));
        }
        double sum = 0;
        for (Future<Double> f : parts) {
          sum += f.get();
        }
        epochs.done(e, sum / n);
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
    return epochs.losses;
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

  /** Steps between merges of a hogwild thread's copy of the output layer ({@link LayerCopy}). */
  static final int MERGE_STEPS = 64;

  /** One thread's buffers and its SGD loop. */
  private final class Worker {
    private final int[] offsets;
    private final int[] ids;
    private final TrainingLabels y;
    private final EmbeddingRows body;
    private final SgdHead head;
    private final float[] output;

    /** This thread's copy of the output layer (hogwild with softmax or ova); null for none. */
    private LayerCopy outputCopy;

    private final float[] hidden;
    private final float[] grad;
    private final HeadScratch scratch;

    Worker(
        TextFeatures.Rows rows,
        TrainingLabels y,
        EmbeddingRows body,
        SgdHead head,
        VectorOps.Kernels kernels,
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
      scratch.trainWith(kernels);
    }

    /**
     * Hogwild with a head that writes every output row at every step (softmax, one-vs-all): the
     * steps write a copy of the output layer, merged into the shared one every {@value
     * #MERGE_STEPS} steps and at the end of the thread's share of an epoch ({@link LayerCopy}).
     */
    void copyOutputLayer() {
      outputCopy = new LayerCopy(output);
    }

    double run(int[] order, int from, int to, double done, double total) {
      return runScaled(order, from, to, done, total, 1);
    }

    /** Steps through {@code order[from..to)}; each step counts as {@code pace} examples done. */
    double runScaled(int[] order, int from, int to, double done, double total, int pace) {
      double lr0 = settings.lr();
      double loss = 0;
      float[] out = output;
      if (outputCopy != null) {
        outputCopy.pull(); // the shared layer as the last epoch left it
        out = outputCopy.values();
      }
      int sinceMerge = 0;
      for (int i = from; i < to; i++) {
        int r = order[i];
        float lr = (float) (lr0 * Math.max(0, 1 - (done + (double) (i - from) * pace) / total));
        int a = offsets[r];
        int b = offsets[r + 1];
        body.mean(ids, a, b, hidden);
        java.util.Arrays.fill(grad, 0f);
        loss += y.step(head, hidden, r, out, lr, grad, scratch);
        body.addToRows(ids, a, b, grad);
        if (outputCopy != null && ++sinceMerge == MERGE_STEPS) {
          outputCopy.merge();
          sinceMerge = 0;
        }
      }
      if (outputCopy != null) {
        outputCopy.merge();
      }
      return loss;
    }
  }
}
