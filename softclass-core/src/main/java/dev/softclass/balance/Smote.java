package dev.softclass.balance;

import dev.softclass.data.DenseMatrix;
import dev.softclass.kernel.VectorOps;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SMOTE over-sampling (Chawla et al., 2002, as imbalanced-learn's {@code SMOTE}): for each class
 * smaller than the largest, until it is as big, pick a random row {@code a} of the class, one of
 * its {@code k} nearest neighbours {@code b} in the same class (Euclidean distance in the given,
 * scaled, space; the lower row index on a tie), and a gap {@code u} uniform in [0, 1); add {@code a
 * + u (b - a)}. A class of one row can only repeat it. Neighbours are searched by brute force, for
 * the rows drawn only: cost {@code O(drawn rows x class size x d)}.
 */
final class Smote {
  private Smote() {}

  static Resampler.Sample oversample(
      DenseMatrix x, int[] y, int[][] rows, int neighbors, SplittableRandom random) {
    int max = Resampler.largest(rows);
    int d = x.cols();
    int extra = 0;
    for (int[] r : rows) {
      extra += r.length == 0 ? 0 : max - r.length;
    }
    int n = x.rows();
    float[] out = Arrays.copyOf(x.data(), (n + extra) * d);
    int[] labels = Arrays.copyOf(y, n + extra);
    float[] data = x.data();
    double[] norms = new double[n];
    for (int r = 0; r < n; r++) {
      norms[r] = VectorOps.dot(data, x.offset(r), data, x.offset(r), d);
    }
    int at = n;
    for (int c = 0; c < rows.length; c++) {
      int[] members = rows[c];
      if (members.length == 0 || members.length == max) {
        continue;
      }
      int k = Math.min(neighbors, members.length - 1);
      Map<Integer, int[]> nearestOf = new HashMap<>();
      for (int s = members.length; s < max; s++) {
        int a = members[random.nextInt(members.length)];
        int b = a;
        if (k > 0) {
          int[] nearest = nearestOf.computeIfAbsent(a, row -> nearest(x, norms, members, row, k));
          b = nearest[random.nextInt(k)];
        }
        double u = random.nextDouble();
        int ao = x.offset(a);
        int bo = x.offset(b);
        for (int j = 0; j < d; j++) {
          out[at * d + j] = (float) (data[ao + j] + u * ((double) data[bo + j] - data[ao + j]));
        }
        labels[at++] = c;
      }
    }
    return new Resampler.Sample(new DenseMatrix(out, n + extra, d), labels);
  }

  /**
   * The {@code k} rows of {@code members} nearest to {@code row} (itself excluded), nearest first.
   */
  static int[] nearest(DenseMatrix x, double[] norms, int[] members, int row, int k) {
    float[] data = x.data();
    int d = x.cols();
    int m = members.length;
    double[] dist = new double[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      int other = members[i];
      order[i] = i;
      dist[i] =
          other == row
              ? Double.POSITIVE_INFINITY
              : norms[row]
                  + norms[other]
                  - 2 * VectorOps.dot(data, x.offset(row), data, x.offset(other), d);
    }
    Arrays.sort(order, (p, q) -> dist[p] != dist[q] ? Double.compare(dist[p], dist[q]) : p - q);
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = members[order[i]];
    }
    return out;
  }
}
