package dev.softclass.text;

import dev.softclass.data.TextData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of a text model on labelled text, computed in one pass without holding a probability
 * matrix (20,000 classes x 10,000 lines would be 1.6 GB): accuracy (precision at 1), log loss with
 * the model's exact probabilities, and the expected calibration error of the top-1 probability.
 *
 * <p>Heads with sigmoid scores (negative sampling, one-vs-all) have their scores divided by their
 * sum for the log loss and calibration, which is said in {@link #probabilities()}. A test label the
 * model never saw counts as an error, with probability 0 (clipped to {@code Evaluation.EPS}, as
 * scikit-learn's log loss clips).
 *
 * @param n lines evaluated
 * @param accuracy share whose most probable class is the label (precision at 1)
 * @param k the {@code k} of {@code topKAccuracy}
 * @param topKAccuracy share whose label is among the {@code k} most probable classes
 * @param logLoss mean negative log-probability of the label (natural log)
 * @param ece expected calibration error of the top-1 probability ({@link #BINS} equal bins)
 * @param unseenLabels lines whose label is not one of the model's classes
 * @param probabilities "softmax" or "normalised sigmoid"
 * @param seconds time taken
 */
public record TextEvaluation(
    int n,
    double accuracy,
    int k,
    double topKAccuracy,
    double logLoss,
    double ece,
    int unseenLabels,
    String probabilities,
    double seconds) {
  /** Calibration bins, as {@code Evaluation}'s. */
  public static final int BINS = dev.softclass.eval.ReliabilityDiagram.DEFAULT_BINS;

  private static final double CLIP = dev.softclass.eval.Evaluation.EPS;

  /**
   * Evaluates {@code model} on every line of {@code data}.
   *
   * @throws dev.softclass.SoftclassException if a line has no or several labels
   */
  public static TextEvaluation of(TextModel model, TextData data) {
    return of(model, data, 1);
  }

  /**
   * Evaluates {@code model} on every line of {@code data}, with the top-{@code k} accuracy.
   *
   * @throws dev.softclass.SoftclassException if a line has no or several labels, or {@code k < 1}
   */
  public static TextEvaluation of(TextModel model, TextData data, int k) {
    long start = System.nanoTime();
    int[] y = data.singleLabels();
    int[] toModel = new int[data.encoder().size()];
    for (int c = 0; c < toModel.length; c++) {
      toModel[c] = model.encoder().indexOf(data.encoder().name(c));
    }
    double[] binConfidence = new double[BINS];
    double[] binCorrect = new double[BINS];
    long correct = 0;
    long inTopK = 0;
    double logLoss = 0;
    int unseen = 0;
    for (int r = 0; r < y.length; r++) {
      int label = toModel[y[r]];
      unseen += label < 0 ? 1 : 0;
      TextModel.Scored s = model.score(data.texts().get(r), label, k);
      boolean hit = s.top() == label;
      correct += hit ? 1 : 0;
      inTopK += s.inTopK() ? 1 : 0;
      logLoss -= Math.log(Math.max(CLIP, s.labelProbability()));
      int bin = Math.min(BINS - 1, (int) (s.topProbability() * BINS));
      binConfidence[bin] += s.topProbability();
      binCorrect[bin] += hit ? 1 : 0;
    }
    int n = y.length;
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      ece += Math.abs(binConfidence[b] - binCorrect[b]) / n;
    }
    return new TextEvaluation(
        n,
        (double) correct / n,
        k,
        (double) inTopK / n,
        logLoss / n,
        ece,
        unseen,
        model.head().sumsToOne() ? "softmax" : "normalised sigmoid",
        (System.nanoTime() - start) / 1e9);
  }

  /** The metrics as a JSON-friendly map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("accuracy", accuracy);
    m.put("precision_at_1", accuracy);
    m.put("top_k_accuracy", Map.of(Integer.toString(k), topKAccuracy));
    m.put("log_loss", logLoss);
    m.put("ece", ece);
    m.put("unseen_labels", unseenLabels);
    m.put("probabilities", probabilities);
    m.put("seconds", seconds);
    return m;
  }
}
