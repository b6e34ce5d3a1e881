package dev.softclass.body;

/**
 * The initial embedding values, as a function of (seed, position): value {@code i} of the row-major
 * matrix is the {@code i}-th {@code nextDouble()} of {@code new SplittableRandom(seed)}, mapped to
 * {@code [-1/dim, 1/dim]} as fastText initialises its input matrix. SplittableRandom adds a fixed
 * gamma to its state and mixes the sum, so the {@code i}-th draw needs no other: any row can be
 * generated alone, in any order or thread, with the values a sequential fill gives. That lets a
 * text model store only the rows training changed and regenerate the others on demand, and lets
 * training allocate only the rows its examples touch.
 */
public final class EmbeddingInit {
  /** SplittableRandom's default gamma (the golden ratio in 64 bits). */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private EmbeddingInit() {}

  /** The {@code index}-th {@code nextDouble()} of {@code new SplittableRandom(seed)}. */
  static double uniform(long seed, long index) {
    long z = seed + (index + 1) * GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * DOUBLE_UNIT;
  }

  /** Writes the initial values of matrix row {@code row} (width {@code dim}) to {@code out}. */
  public static void row(long seed, int dim, int row, float[] out, int offset) {
    float bound = 1f / dim;
    long first = (long) row * dim;
    for (int j = 0; j < dim; j++) {
      out[offset + j] = (float) ((uniform(seed, first + j) * 2 - 1) * bound);
    }
  }

  /** The initial values of the given rows, one after the other ({@code rows.length x dim}). */
  public static float[] rows(long seed, int dim, int[] rows) {
    float[] out = new float[Math.multiplyExact(rows.length, dim)];
    for (int i = 0; i < rows.length; i++) {
      row(seed, dim, rows[i], out, i * dim);
    }
    return out;
  }
}
