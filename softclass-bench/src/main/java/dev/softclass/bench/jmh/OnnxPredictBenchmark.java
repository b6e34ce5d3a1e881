package dev.softclass.bench.jmh;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.onnx.OnnxExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Prediction throughput of a softmax model in Softclass and, exported, in ONNX Runtime: labels and
 * probabilities for a whole test set in one call ({@code *Batch}: one operation is the whole set),
 * and for one row per call ({@code *Row}). ONNX Runtime runs with one intra-op thread (as Softclass
 * predicts on one) and with its default thread pool. Each engine gets its natural input: Softclass
 * the dataset as read (dense digits, sparse mnist), ONNX Runtime a dense float32 {@code [N, d]}
 * tensor built once in setup.
 *
 * <p>digits: trained on {@code digits.csv} (1,797 x 64, standard scaling), predicting all of it.
 * mnist: trained by 30 L-BFGS iterations on {@code train.libsvm.gz} (60,000 rows, max-abs scaling),
 * predicting {@code test.libsvm.gz} (10,000 rows). Reads {@code ${softclass.data:-../shared/data}}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@State(Scope.Benchmark)
public class OnnxPredictBenchmark {
  @Param({"digits", "mnist"})
  public String dataset;

  private Model model;
  private Dataset test;
  private float[][] rows;
  private OrtEnvironment env;
  private OrtSession oneThread;
  private OrtSession defaultThreads;
  private OnnxTensor batch;
  private int next;

  @Setup
  public void setUp() throws OrtException {
    Path data = Path.of(System.getProperty("softclass.data", "../shared/data"));
    if (dataset.equals("digits")) {
      Path file = data.resolve("digits/digits.csv");
      requirePresent(file);
      Dataset all = DataReaders.read(file, DataFormat.CSV, "label", true).toDataset();
      model = Classifier.logistic().l2(1e-3).fit(all);
      test = all;
    } else {
      Path train = data.resolve("mnist/train.libsvm.gz");
      Path testFile = data.resolve("mnist/test.libsvm.gz");
      requirePresent(train);
      requirePresent(testFile);
      Dataset t = DataReaders.read(train, DataFormat.LIBSVM, "label", true).toDataset();
      model = Classifier.logistic().l2(1.0 / t.size()).convergence(30, 0).fit(t);
      test = DataReaders.read(testFile, DataFormat.LIBSVM, "label", true).toDataset(t.encoder());
    }
    rows = new float[test.size()][];
    for (int r = 0; r < rows.length; r++) {
      // Sparse test rows may be narrower or wider than the model's features: pad or cut.
      rows[r] = Arrays.copyOf(test.features().denseRow(r), model.numFeatures());
    }
    byte[] onnx = OnnxExporter.standard().convert(model).toByteArray();
    env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions one = new OrtSession.SessionOptions();
        OrtSession.SessionOptions dflt = new OrtSession.SessionOptions()) {
      one.setIntraOpNumThreads(1);
      one.setInterOpNumThreads(1);
      oneThread = env.createSession(onnx, one);
      defaultThreads = env.createSession(onnx, dflt);
    }
    batch = OnnxTensor.createTensor(env, rows);
  }

  private static void requirePresent(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is absent: this benchmark needs ../shared/data");
    }
  }

  @TearDown
  public void tearDown() throws OrtException {
    batch.close();
    oneThread.close();
    defaultThreads.close();
  }

  /** Softclass: probabilities and label names of every test row. */
  @Benchmark
  public String[] softclassBatch() {
    double[][] p = model.predictProba(test);
    String[] labels = new String[p.length];
    for (int r = 0; r < p.length; r++) {
      labels[r] = model.classes().get(model.decide(p[r]));
    }
    return labels;
  }

  /** ONNX Runtime, one intra-op thread: the whole test set in one run. */
  @Benchmark
  public float[][] onnxRuntimeBatch1Thread() throws OrtException {
    return runBatch(oneThread);
  }

  /** ONNX Runtime with its default thread pool (one thread per core). */
  @Benchmark
  public float[][] onnxRuntimeBatchDefaultThreads() throws OrtException {
    return runBatch(defaultThreads);
  }

  /** Softclass, one dense row per call. */
  @Benchmark
  public double[] softclassRow() {
    return model.predictProba(nextRow());
  }

  /** ONNX Runtime, one intra-op thread, one row per call (a {@code [1, d]} tensor). */
  @Benchmark
  public float[][] onnxRuntimeRow1Thread() throws OrtException {
    try (OnnxTensor one = OnnxTensor.createTensor(env, new float[][] {nextRow()})) {
      return run(oneThread, one);
    }
  }

  private float[] nextRow() {
    next = next + 1 == rows.length ? 0 : next + 1;
    return rows[next];
  }

  private float[][] runBatch(OrtSession session) throws OrtException {
    return run(session, batch);
  }

  private static float[][] run(OrtSession session, OnnxTensor input) throws OrtException {
    try (OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
      String[] labels = (String[]) result.get(OnnxExporter.LABEL).orElseThrow().getValue();
      float[][] p = (float[][]) result.get(OnnxExporter.PROBABILITIES).orElseThrow().getValue();
      if (labels.length != p.length) {
        throw new IllegalStateException(labels.length + " labels for " + p.length + " rows");
      }
      return p;
    }
  }
}
