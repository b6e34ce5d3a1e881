package dev.softclass.head;

import java.util.PriorityQueue;

/**
 * Hierarchical softmax (fastText's {@code hs}): the classes are the leaves of a Huffman tree built
 * from their training frequencies, each of the {@code K - 1} inner nodes has an output row, and a
 * class's probability is the product along its path of {@code sigmoid(+z)} (right) or {@code
 * sigmoid(-z)} (left). The two children's factors sum to 1 at every node, so the probabilities sum
 * to 1 over all classes by construction. A step costs one binary logistic loss per node on the path
 * (about {@code log2 K}); top-k prediction is a best-first search that visits about {@code k log K}
 * nodes.
 */
public final class HierarchicalSoftmaxHead implements SgdHead {
  private final int numClasses;
  private final int dim;
  private final double[] counts;
  private final int[] left;
  private final int[] right;
  private final int[][] pathRows;
  private final boolean[][] pathRight;

  /**
   * @param counts training examples per class (the tree is a function of these alone: ties are
   *     broken by node number, so a saved model rebuilds the same tree)
   * @param dim width of the body's output
   */
  public HierarchicalSoftmaxHead(double[] counts, int dim) {
    int k = counts.length;
    if (k < 2 || dim < 1) {
      throw new IllegalArgumentException("hierarchical softmax needs >= 2 classes and dim >= 1");
    }
    this.numClasses = k;
    this.dim = dim;
    this.counts = counts.clone();
    // Nodes 0..k-1 are leaves, k..2k-2 inner nodes; inner node n owns output row n - k.
    double[] weight = new double[2 * k - 1];
    int[] parent = new int[2 * k - 1];
    boolean[] isRight = new boolean[2 * k - 1];
    left = new int[k - 1];
    right = new int[k - 1];
    PriorityQueue<Integer> queue =
        new PriorityQueue<>(
            (a, b) -> weight[a] != weight[b] ? Double.compare(weight[a], weight[b]) : a - b);
    for (int c = 0; c < k; c++) {
      weight[c] = counts[c];
      queue.add(c);
    }
    for (int n = k; n < 2 * k - 1; n++) {
      int a = queue.poll();
      int b = queue.poll();
      weight[n] = weight[a] + weight[b];
      left[n - k] = a;
      right[n - k] = b;
      parent[a] = n;
      parent[b] = n;
      isRight[b] = true;
      queue.add(n);
    }
    pathRows = new int[k][];
    pathRight = new boolean[k][];
    int root = 2 * k - 2;
    for (int c = 0; c < k; c++) {
      int depth = 0;
      for (int n = c; n != root; n = parent[n]) {
        depth++;
      }
      pathRows[c] = new int[depth];
      pathRight[c] = new boolean[depth];
      int i = 0;
      for (int n = c; n != root; n = parent[n]) {
        pathRows[c][i] = parent[n] - k;
        pathRight[c][i++] = isRight[n];
      }
    }
  }

  @Override
  public String name() {
    return "hs";
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public int numRows() {
    return numClasses - 1;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public boolean sumsToOne() {
    return true;
  }

  /** The class counts the tree was built from (a copy). */
  public double[] counts() {
    return counts.clone();
  }

  /** Number of inner nodes on the path of class {@code c} (its code length). */
  public int depth(int c) {
    return pathRows[c].length;
  }

  /**
   * The output rows of the inner nodes on the path of class {@code c}, from the leaf's parent up to
   * the root (a copy): {@link #probability} is the product over them of {@code sigmoid(+z)} or
   * {@code sigmoid(-z)} as {@link #pathRight} says. Exporters use it to score every class at once.
   */
  public int[] pathRows(int c) {
    return pathRows[c].clone();
  }

  /**
   * Per inner node of {@link #pathRows}, whether class {@code c} lies in its right subtree (factor
   * {@code sigmoid(+z)}) rather than its left one ({@code sigmoid(-z)}); a copy.
   */
  public boolean[] pathRight(int c) {
    return pathRight[c].clone();
  }

  @Override
  public double step(
      float[] hidden, int label, float[] out, float lr, float[] gradHidden, HeadScratch s) {
    Losses.checkLabel(label, numClasses);
    int[] rows = pathRows[label];
    boolean[] code = pathRight[label];
    s.ensure(rows.length);
    double loss = 0;
    for (int i = 0; i < rows.length; i++) {
      double z = Losses.trainingScore(hidden, out, rows[i], dim, s);
      loss -= Losses.logSigmoid(code[i] ? z : -z);
      s.coefficients[i] = lr * ((code[i] ? 1 : 0) - Losses.sigmoid(z));
    }
    Losses.apply(hidden, out, dim, rows, s.coefficients, rows.length, gradHidden, s);
    return loss;
  }

  /** The exact probability of class {@code c}: the product along its path. */
  public double probability(float[] hidden, float[] out, int c) {
    double logP = 0;
    int[] rows = pathRows[c];
    for (int i = 0; i < rows.length; i++) {
      double z = Losses.score(hidden, out, rows[i], dim);
      logP += Losses.logSigmoid(pathRight[c][i] ? z : -z);
    }
    return Math.exp(logP);
  }

  @Override
  public void probabilities(float[] hidden, float[] out, double[] probs, HeadScratch s) {
    descend(2 * numClasses - 2, 0.0, hidden, out, probs);
  }

  private void descend(int node, double logP, float[] hidden, float[] out, double[] probs) {
    if (node < numClasses) {
      probs[node] = Math.exp(logP);
      return;
    }
    int row = node - numClasses;
    double z = Losses.score(hidden, out, row, dim);
    double l = Losses.log1pExpNegAbs(z);
    descend(left[row], logP + Losses.logSigmoid(-z, l), hidden, out, probs);
    descend(right[row], logP + Losses.logSigmoid(z, l), hidden, out, probs);
  }

  /**
   * Best-first search: nodes come off a queue in order of their path probability, which only falls
   * going down, so the first {@code k} leaves popped are the {@code k} most probable classes, and
   * the search stops at the first node below {@code minProb}.
   */
  @Override
  public int topK(
      float[] hidden,
      float[] out,
      int k,
      double minProb,
      int[] labels,
      double[] probs,
      HeadScratch s) {
    if (k <= 0) {
      return 0;
    }
    double logMin = minProb > 0 ? Math.log(minProb) : Double.NEGATIVE_INFINITY;
    NodeHeap heap = s.nodeHeap();
    heap.clear();
    heap.push(0.0, 2 * numClasses - 2);
    int n = 0;
    while (!heap.isEmpty() && n < k) {
      double logP = heap.topKey();
      int node = heap.topNode();
      heap.pop();
      if (logP < logMin) {
        break;
      }
      if (node < numClasses) {
        labels[n] = node;
        probs[n++] = Math.exp(logP);
        continue;
      }
      int row = node - numClasses;
      double z = Losses.score(hidden, out, row, dim);
      double l = Losses.log1pExpNegAbs(z);
      heap.push(logP + Losses.logSigmoid(-z, l), left[row]);
      heap.push(logP + Losses.logSigmoid(z, l), right[row]);
    }
    return n;
  }
}
