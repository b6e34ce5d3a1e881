package dev.softclass.bench.jmh;

import dev.softclass.internal.kernel.KernelImpl;
import dev.softclass.internal.kernel.KernelProvider;
import dev.softclass.internal.kernel.ScalarKernels;
import java.util.Arrays;
import java.util.Random;
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
 * Each kernel at the sizes training meets, for the plain-Java and the Vector API implementation.
 * {@code bench/jmh.sh} turns the times into GFLOP/s (or ns per non-zero) and a share of the
 * machine's peak. Names end with their shape: {@code gemm_256x784x128} multiplies a 256 x 784 block
 * by a 784 x 128 matrix.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class KernelBenchmark {
  @Param({"scalar", "panama"})
  public String impl;

  private KernelImpl k;
  private final float[] x784 = new float[784];
  private final float[] w784 = new float[784];
  private final float[] block = new float[256 * 784];
  private final float[] weights10 = new float[784 * 10];
  private final float[] weights128 = new float[784 * 128];
  private final float[] out10 = new float[256 * 10];
  private final float[] out128 = new float[256 * 128];
  private final float[] logits10 = new float[10];
  private final float[] logits10000 = new float[10000];
  private int[] sparseIdx;
  private float[] sparseVal;
  private final float[] dense100k = new float[100_000];
  private int[] rowIdx;
  private float[] rowVal;
  private final double[] featureMajor = new double[784 * 16];
  private final double[] rowOut = new double[16];
  private final double[] delta = new double[16];

  @Setup
  public void setUp() {
    k = impl.equals("scalar") ? ScalarKernels.INSTANCE : KernelProvider.panamaOrNull();
    if (k == null) {
      throw new IllegalStateException("the Vector API is not available in this JVM");
    }
    Random random = new Random(42);
    for (float[] a : new float[][] {x784, w784, block, weights10, weights128, dense100k}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) random.nextGaussian();
      }
    }
    for (int i = 0; i < logits10000.length; i++) {
      logits10000[i] = (float) random.nextGaussian() * 3;
    }
    for (int i = 0; i < featureMajor.length; i++) {
      featureMajor[i] = i % 16 < 10 ? random.nextGaussian() : 0;
    }
    for (int i = 0; i < 10; i++) {
      delta[i] = random.nextGaussian();
    }
    // 1 % of 100,000 features, sorted: a bag-of-words row.
    sparseIdx = random.ints(0, 100_000).distinct().limit(1000).sorted().toArray();
    sparseVal = new float[sparseIdx.length];
    for (int i = 0; i < sparseVal.length; i++) {
      sparseVal[i] = random.nextFloat();
    }
    // An mnist-like row: 150 non-zeros among 784 pixels.
    rowIdx = random.ints(0, 784).distinct().limit(150).sorted().toArray();
    rowVal = new float[rowIdx.length];
    for (int i = 0; i < rowVal.length; i++) {
      rowVal[i] = random.nextFloat();
    }
  }

  @Benchmark
  public double dot_784() {
    return k.dot(x784, 0, w784, 0, 784);
  }

  @Benchmark
  public float[] gemm_256x784x10() {
    Arrays.fill(out10, 0f);
    k.gemm(block, 256, 784, weights10, 10, out10);
    return out10;
  }

  @Benchmark
  public float[] gemm_256x784x128() {
    Arrays.fill(out128, 0f);
    k.gemm(block, 256, 784, weights128, 128, out128);
    return out128;
  }

  @Benchmark
  public float[] gemmTransposedB_256x784x10() {
    Arrays.fill(out10, 0f);
    k.gemmTransposedB(block, 256, 784, weights10, 10, out10);
    return out10;
  }

  @Benchmark
  public float[] gemmTransposedB_256x784x128() {
    Arrays.fill(out128, 0f);
    k.gemmTransposedB(block, 256, 784, weights128, 128, out128);
    return out128;
  }

  @Benchmark
  public double softmax_10() {
    return k.softmax(logits10, 0, 10);
  }

  @Benchmark
  public double softmax_10000() {
    return k.softmax(logits10000, 0, 10000);
  }

  @Benchmark
  public double sparseDot_1000of100000() {
    return k.sparseDot(sparseIdx, sparseVal, 0, sparseIdx.length, dense100k, 0);
  }

  @Benchmark
  public double[] sparseRowTimesMatrix_150x10() {
    Arrays.fill(rowOut, 0);
    k.sparseRowTimesMatrix(rowIdx, rowVal, 0, rowIdx.length, featureMajor, 16, 10, rowOut);
    return rowOut;
  }

  @Benchmark
  public double[] sparseOuterAdd_150x10() {
    k.sparseOuterAdd(rowIdx, rowVal, 0, rowIdx.length, delta, 16, 10, featureMajor);
    return featureMajor;
  }
}
