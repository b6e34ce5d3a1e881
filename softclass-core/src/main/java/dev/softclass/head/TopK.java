package dev.softclass.head;

/** Selection of the largest probabilities, for top-k prediction. */
public final class TopK {
  private TopK() {}

  /**
   * Writes the indices and values of the {@code k} largest entries of {@code p} that are at least
   * {@code minProb}, largest first, lower index first on a tie.
   *
   * @return how many were written
   */
  public static int select(double[] p, int k, double minProb, int[] labels, double[] probs) {
    if (k <= 0) {
      return 0;
    }
    int n = 0;
    for (int c = 0; c < p.length; c++) {
      double v = p[c];
      if (v < minProb || (n == k && v <= probs[n - 1])) {
        continue;
      }
      int i = n == k ? k - 1 : n++;
      while (i > 0 && probs[i - 1] < v) {
        probs[i] = probs[i - 1];
        labels[i] = labels[i - 1];
        i--;
      }
      probs[i] = v;
      labels[i] = c;
    }
    return n;
  }
}
