package dev.softclass.text;

import dev.softclass.SoftclassException;
import dev.softclass.data.LabelSets;
import dev.softclass.data.TextData;
import dev.softclass.eval.Evaluation;
import dev.softclass.eval.MultiLabelEvaluation;
import dev.softclass.head.TopK;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics of a multi-label text model on labelled text: every metric of a multi-label table model
 * ({@link MultiLabelEvaluation}: subset accuracy, Hamming loss, micro / macro / samples / weighted
 * F1, label-ranking average precision, coverage error, per-label precision, recall, F1, ROC AUC,
 * calibration error) on the label sets the model's {@link dev.softclass.calibrate.LabelDecision}
 * chooses, plus the binary log loss of each label's sigmoid score (the loss one-vs-all training
 * minimises) and fastText's {@code test} figures P@k and R@k (the {@code k} most probable labels of
 * each line against its labels, without a threshold, as {@code fasttext test model file k}).
 *
 * <p>A test label the model does not know cannot enter the label-set metrics, which are over the
 * model's labels; it is counted in {@link #unseenLabels()} and, as in fastText, as a label the top
 * {@code k} missed in R@k. Holds the whole score matrix (lines x labels) while computing.
 *
 * @param labels the label-set metrics
 * @param k the {@code k} of P@k and R@k
 * @param precisionAtK correct labels among the top {@code k} of every line over all labels given
 * @param recallAtK correct labels among the top {@code k} of every line over all test labels
 * @param labelLogLoss mean binary log loss over lines and labels (natural log, scores clipped to
 *     {@code [EPS, 1 - EPS]})
 * @param perLabelLogLoss the mean binary log loss of each label over the lines, in class order
 * @param unseenLabels test labels (occurrences) that are not classes of the model
 * @param seconds time taken
 */
public record TextMultiLabelEvaluation(
    MultiLabelEvaluation labels,
    int k,
    double precisionAtK,
    double recallAtK,
    double labelLogLoss,
    double[] perLabelLogLoss,
    int unseenLabels,
    double seconds) {

  /**
   * Evaluates a multi-label {@code model} on every line of {@code data}.
   *
   * @throws SoftclassException if the model is not multi-label, {@code k < 1}, or a line has no
   *     label
   */
  public static TextMultiLabelEvaluation of(TextModel model, TextData data, int k) {
    long start = System.nanoTime();
    if (!model.isMultiLabel()) {
      throw new SoftclassException(
          "multi-label metrics need a multi-label text model (--loss ova on lines with several"
              + " labels)");
    }
    if (k < 1) {
      throw new SoftclassException("P@k needs k of at least 1; got " + k);
    }
    int numLabels = model.classes().size();
    int[] toModel = new int[data.encoder().size()];
    for (int c = 0; c < toModel.length; c++) {
      toModel[c] = model.encoder().indexOf(data.encoder().name(c));
    }
    int n = data.size();
    double[][] probs = new double[n][];
    int[][] chosen = new int[n][];
    int[][] truth = new int[n][];
    double[] logLoss = new double[numLabels];
    int kk = Math.min(k, numLabels);
    int[] top = new int[kk];
    double[] topP = new double[kk];
    long given = 0;
    long hits = 0;
    long testLabels = 0;
    int unseen = 0;
    for (int r = 0; r < n; r++) {
      int[] lineLabels = data.labels().labels(r);
      if (lineLabels.length == 0) {
        throw new dev.softclass.data.DataFormatException(
            data.source(), data.lines()[r], null, "no __label__ token: every test line needs one");
      }
      List<Integer> known = new ArrayList<>(lineLabels.length);
      for (int c : lineLabels) {
        if (toModel[c] < 0) {
          unseen++;
        } else {
          known.add(toModel[c]);
        }
      }
      truth[r] = known.stream().mapToInt(Integer::intValue).toArray();
      testLabels += lineLabels.length;
      double[] p = model.predictProba(data.texts().get(r));
      probs[r] = p;
      chosen[r] = model.decideLabels(p);
      int found = TopK.select(p, kk, 0, top, topP);
      given += found;
      for (int i = 0; i < found; i++) {
        hits += known.contains(top[i]) ? 1 : 0;
      }
      for (int c = 0; c < numLabels; c++) {
        double q = Math.min(1 - Evaluation.EPS, Math.max(Evaluation.EPS, p[c]));
        logLoss[c] -= known.contains(c) ? Math.log(q) : Math.log1p(-q);
      }
    }
    double[] thresholds = new double[numLabels];
    for (int c = 0; c < numLabels; c++) {
      thresholds[c] = model.labelDecision().orElseThrow().threshold(c);
    }
    double total = 0;
    for (int c = 0; c < numLabels; c++) {
      total += logLoss[c];
      logLoss[c] /= n;
    }
    return new TextMultiLabelEvaluation(
        MultiLabelEvaluation.of(
            probs, chosen, LabelSets.of(truth, numLabels), model.classes(), thresholds),
        k,
        given == 0 ? 0 : (double) hits / given,
        testLabels == 0 ? 0 : (double) hits / testLabels,
        total / ((double) n * numLabels),
        logLoss,
        unseen,
        (System.nanoTime() - start) / 1e9);
  }

  /** The mean binary log loss of each label over the lines (a copy), in class order. */
  @Override
  public double[] perLabelLogLoss() {
    return perLabelLogLoss.clone();
  }

  /**
   * The metrics with the keys of {@code softclass eval --json}: those of {@link
   * MultiLabelEvaluation#toMap()} ({@code per_label} entries gain {@code log_loss}), then {@code
   * label_log_loss}, {@code precision_at_k} and {@code recall_at_k} (maps from {@code k}), {@code
   * unseen_labels}, {@code probabilities} ("sigmoid") and {@code seconds}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = labels.toMap();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> perLabel =
        (Map<String, Map<String, Object>>) m.get("per_label");
    for (int c = 0; c < perLabelLogLoss.length; c++) {
      perLabel.get(labels.labels().get(c)).put("log_loss", perLabelLogLoss[c]);
    }
    m.put("label_log_loss", labelLogLoss);
    Map<String, Object> pk = new LinkedHashMap<>();
    pk.put(Integer.toString(k), precisionAtK);
    m.put("precision_at_k", pk);
    Map<String, Object> rk = new LinkedHashMap<>();
    rk.put(Integer.toString(k), recallAtK);
    m.put("recall_at_k", rk);
    m.put("unseen_labels", unseenLabels);
    m.put("probabilities", "sigmoid");
    m.put("seconds", seconds);
    return m;
  }
}
