package dev.softclass.bench.jmh;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end training on mnist (60,000 x 780, 10 classes, sparse): 50 L-BFGS iterations of
 * multinomial logistic regression with the anchors' regularisation ({@code C = 1}), with 1 and 2
 * threads. Reads {@code ${softclass.data:-../shared/data}/mnist/train.libsvm.gz}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@State(Scope.Benchmark)
public class TrainMnistBenchmark {
  /** L-BFGS iterations per measured training run. */
  public static final int ITERATIONS = 50;

  @Param({"1", "2"})
  public int threads;

  private Dataset train;

  @Setup
  public void load() {
    Path file =
        Path.of(System.getProperty("softclass.data", "../shared/data"), "mnist", "train.libsvm.gz");
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is absent: this benchmark needs ../shared/data");
    }
    train = DataReaders.read(file, DataFormat.LIBSVM, "label", true).toDataset();
  }

  @Benchmark
  public Model train50Iterations() {
    return Classifier.logistic()
        .l2(1.0 / train.size())
        .threads(threads)
        // A zero tolerance: every run does exactly ITERATIONS iterations.
        .convergence(ITERATIONS, 0)
        .fit(train);
  }
}
