package dev.softclass.server;

import dev.softclass.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * The server's own work on one request of {@code bench/server.sh}'s batch step, in process and
 * without HTTP: reading the 100-instance body, predicting every instance, and predicting and
 * writing the answer. It reads the files that script makes ({@code bench/work/server/}: run it once
 * first, or give {@code -p model=... -p batch=...}) and is in this package to reach the server's
 * package-private classes.
 *
 * <pre>{@code java -jar softclass-bench/target/softclass-bench.jar ServerBatchBenchmark}</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
@State(Scope.Thread)
public class ServerBatchBenchmark {
  private static final long NO_DEADLINE = Long.MAX_VALUE;

  /** The model file. */
  @Param("bench/work/server/digits.softclass")
  public String model;

  /** The request body. */
  @Param("bench/work/server/batch.json")
  public String batch;

  private ModelSnapshot snap;
  private byte[] body;
  private PredictRequest request;
  private final PredictRequestParser parser = new PredictRequestParser(Limits.defaults());
  private final PredictionWriter writer = new PredictionWriter();

  @Setup
  public void load() throws IOException {
    Path modelFile = Path.of(model);
    Path batchFile = Path.of(batch);
    if (!Files.exists(modelFile) || !Files.exists(batchFile)) {
      throw new IllegalStateException(
          "no " + modelFile + " or " + batchFile + ": run bash bench/server.sh once first");
    }
    snap = new ModelSnapshot(Predictor.load(modelFile), 1, Instant.now(), Duration.ZERO);
    body = Files.readAllBytes(batchFile);
    request = parser.parse(body, "digits", snap, NO_DEADLINE);
  }

  /** Reading the body into instances. */
  @Benchmark
  public PredictRequest read() {
    return parser.parse(body, "digits", snap, NO_DEADLINE);
  }

  /** Every instance's probabilities, as the response writer asks for them. */
  @Benchmark
  public double predict() {
    double sum = 0;
    for (Instance instance : request.instances()) {
      sum += instance.predictProba(snap.model())[0];
    }
    return sum;
  }

  /** Predicting every instance and writing the response body. */
  @Benchmark
  public byte[] predictAndWrite() {
    return writer.write("digits", snap, request, NO_DEADLINE);
  }
}
