package dev.softclass.eval;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well predicted probabilities match true classes: accuracy, log loss, per-class precision,
 * recall and F1, macro F1, and the confusion matrix. Immutable.
 *
 * @param n number of rows
 * @param accuracy fraction predicted right (argmax)
 * @param logLoss mean negative log probability of the true class, probabilities clipped to {@code
 *     [1e-15, 1 - 1e-15]} as in scikit-learn
 * @param macroF1 unweighted mean F1 over the classes present in truth or prediction
 * @param perClass metrics per class, in class order
 * @param confusion {@code confusion[true][predicted]} counts
 */
public record Evaluation(
    int n,
    double accuracy,
    double logLoss,
    double macroF1,
    List<ClassMetrics> perClass,
    int[][] confusion) {

  private static final double EPS = 1e-15;

  /**
   * Evaluates {@code model} on labelled {@code data}.
   *
   * @throws SoftclassException if the data have no labels
   */
  public static Evaluation of(Model model, Dataset data) {
    if (!data.hasLabels()) {
      throw new SoftclassException(data.source() + ": evaluation needs a label for every row");
    }
    return of(model.predictProba(data), data.labels(), model.classes());
  }

  /**
   * Evaluates probabilities against true classes.
   *
   * @param probs one row of class probabilities per example
   * @param truth the true class index per example
   * @param classNames the class names, in probability order
   */
  public static Evaluation of(double[][] probs, int[] truth, List<String> classNames) {
    int k = classNames.size();
    int n = truth.length;
    if (probs.length != n) {
      throw new IllegalArgumentException(probs.length + " predictions for " + n + " labels");
    }
    if (n == 0) {
      throw new SoftclassException("nothing to evaluate: the data have no rows");
    }
    int[][] confusion = new int[k][k];
    double logLoss = 0;
    int correct = 0;
    for (int i = 0; i < n; i++) {
      if (truth[i] < 0 || truth[i] >= k || probs[i].length != k) {
        throw new IllegalArgumentException(
            "row "
                + i
                + ": class "
                + truth[i]
                + " with "
                + probs[i].length
                + " probabilities, for "
                + k
                + " classes");
      }
      double[] p = probs[i];
      int predicted = Model.argmax(p);
      confusion[truth[i]][predicted]++;
      if (predicted == truth[i]) {
        correct++;
      }
      double pTrue = Math.min(Math.max(p[truth[i]], EPS), 1 - EPS);
      logLoss -= Math.log(pTrue);
    }
    List<ClassMetrics> perClass = new ArrayList<>(k);
    double f1Sum = 0;
    int present = 0;
    for (int c = 0; c < k; c++) {
      int tp = confusion[c][c];
      int actual = 0;
      int predicted = 0;
      for (int j = 0; j < k; j++) {
        actual += confusion[c][j];
        predicted += confusion[j][c];
      }
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = actual == 0 ? 0 : (double) tp / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      perClass.add(new ClassMetrics(classNames.get(c), precision, recall, f1, actual));
      if (actual > 0 || predicted > 0) {
        f1Sum += f1;
        present++;
      }
    }
    return new Evaluation(
        n, (double) correct / n, logLoss / n, f1Sum / present, List.copyOf(perClass), confusion);
  }

  /**
   * The metrics as an ordered map with the keys of {@code softclass eval --json}: {@code n}, {@code
   * accuracy}, {@code log_loss}, {@code macro_f1}, {@code per_class}, {@code confusion}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("accuracy", accuracy);
    m.put("log_loss", logLoss);
    m.put("macro_f1", macroF1);
    Map<String, Object> classes = new LinkedHashMap<>();
    for (ClassMetrics c : perClass) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("precision", c.precision());
      cm.put("recall", c.recall());
      cm.put("f1", c.f1());
      cm.put("support", c.support());
      classes.put(c.name(), cm);
    }
    m.put("per_class", classes);
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("labels", perClass.stream().map(ClassMetrics::name).toList());
    conf.put("matrix", confusion);
    m.put("confusion", conf);
    return m;
  }
}
