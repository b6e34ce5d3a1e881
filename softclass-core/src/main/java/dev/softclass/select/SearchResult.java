package dev.softclass.select;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.Dataset;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.TrainingSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link ModelSearch}: every candidate's cross-validated scores, and the best.
 *
 * @param searched the names of the searched settings
 * @param candidates one entry per candidate, in the order tried
 * @param best index of the best candidate (best mean; the first on a tie)
 * @param metric the ranking metric
 * @param cv the folds used
 */
public record SearchResult(
    List<String> searched,
    List<CandidateScore> candidates,
    int best,
    Metric metric,
    CrossValidation cv) {

  /**
   * One candidate's scores.
   *
   * @param settings the candidate's full settings
   * @param scores the metric on each held-out fold (repeat-major), NaN where training failed
   * @param mean the mean of the scores (NaN if any run failed)
   * @param std their population standard deviation (as scikit-learn's {@code std_test_score})
   * @param rank 1 for the best mean, ties sharing the lower rank
   * @param error why a run failed, or null
   */
  public record CandidateScore(
      TrainingSettings settings,
      double[] scores,
      double mean,
      double std,
      int rank,
      String error) {}

  static SearchResult of(
      SearchSpace space,
      List<TrainingSettings> settings,
      double[][] scores,
      String[] errors,
      Metric metric,
      CrossValidation cv) {
    int n = settings.size();
    double[] means = new double[n];
    double[] stds = new double[n];
    int best = 0;
    for (int c = 0; c < n; c++) {
      double sum = 0;
      for (double s : scores[c]) {
        sum += s;
      }
      means[c] = sum / scores[c].length;
      double sq = 0;
      for (double s : scores[c]) {
        sq += (s - means[c]) * (s - means[c]);
      }
      stds[c] = Math.sqrt(sq / scores[c].length);
      if (metric.better(means[c], means[best])) {
        best = c;
      }
    }
    List<CandidateScore> out = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      int rank = 1;
      for (int o = 0; o < n; o++) {
        if (metric.better(means[o], means[c])) {
          rank++;
        }
      }
      out.add(
          new CandidateScore(
              settings.get(c), scores[c].clone(), means[c], stds[c], rank, errors[c]));
    }
    List<String> names = space.dimensions().stream().map(SearchDimension::name).toList();
    return new SearchResult(names, List.copyOf(out), best, metric, cv);
  }

  /** The best candidate's settings. */
  public TrainingSettings bestSettings() {
    return candidates.get(best).settings();
  }

  /**
   * Trains the best candidate on all of {@code data} and records the search in the model's metrics
   * ({@code cv_metric}, {@code cv_mean}, {@code cv_std}, {@code cv_folds}, {@code cv_repeats},
   * {@code cv_candidates}).
   *
   * @param threads threads for the refit (the model does not depend on it)
   */
  public Model refit(Dataset data, int threads, ProgressListener progress) {
    TrainingSettings s = bestSettings().toBuilder().threads(threads).build();
    Model m = Classifier.of(s).progress(progress).fit(data);
    Map<String, Object> metrics = new LinkedHashMap<>();
    CandidateScore b = candidates.get(best);
    metrics.put("cv_metric", metric.id());
    metrics.put("cv_mean", b.mean());
    metrics.put("cv_std", b.std());
    metrics.put("cv_folds", cv.folds());
    metrics.put("cv_repeats", cv.repeats());
    metrics.put("cv_candidates", candidates.size());
    return m.withInfo(m.info().withMetrics(metrics));
  }

  /** The searched values of candidate {@code c}, by name. */
  public Map<String, Object> values(int c) {
    Map<String, Object> all = candidates.get(c).settings().params();
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : searched) {
      out.put(name, all.get(name));
    }
    return out;
  }

  /**
   * A plain-text table: one line per candidate with its searched values, mean ± std of the metric
   * and rank, the best marked with {@code *}.
   */
  public String table() {
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(searched);
    header.add(metric.id() + " (mean ± std)");
    header.add("rank");
    rows.add(header.toArray(String[]::new));
    for (int c = 0; c < candidates.size(); c++) {
      CandidateScore s = candidates.get(c);
      List<String> row = new ArrayList<>();
      for (Object v : values(c).values()) {
        row.add(v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(v));
      }
      row.add(
          s.error() != null
              ? "failed: " + s.error()
              : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.std()));
      row.add((c == best ? "*" : "") + s.rank());
      rows.add(row.toArray(String[]::new));
    }
    int[] width = new int[header.size()];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        sb.append(i == 0 ? "" : "  ");
        sb.append(
            i == r.length - 2 ? String.format("%-" + width[i] + "s", r[i]) : pad(r[i], width[i]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String pad(String s, int w) {
    return " ".repeat(Math.max(0, w - s.length())) + s;
  }

  /** The results as JSON-friendly maps: metric, folds, best, and every candidate. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", metric.id());
    m.put("folds", cv.folds());
    m.put("repeats", cv.repeats());
    m.put("best", values(best));
    m.put("best_mean", candidates.get(best).mean());
    m.put("best_std", candidates.get(best).std());
    List<Map<String, Object>> list = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      CandidateScore s = candidates.get(c);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("params", values(c));
      e.put("mean", nullIfNaN(s.mean()));
      e.put("std", nullIfNaN(s.std()));
      e.put("rank", s.rank());
      List<Object> scores = new ArrayList<>();
      for (double v : s.scores()) {
        scores.add(nullIfNaN(v));
      }
      e.put("scores", scores);
      if (s.error() != null) {
        e.put("error", s.error());
      }
      list.add(e);
    }
    m.put("candidates", list);
    return m;
  }

  private static Object nullIfNaN(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
