package dev.softclass.select;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.Trainer;
import dev.softclass.train.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scores candidate training settings by cross-validation (scikit-learn's {@code GridSearchCV} and
 * {@code RandomizedSearchCV}). Every (candidate, repeat, fold) run is an independent task on a pool
 * of {@code jobs} threads, each training single-threaded; scores are stored by their indices, so
 * the result does not depend on the number of jobs or the order runs finish in. Immutable.
 *
 * @param cv the folds
 * @param metric the score candidates are ranked by
 * @param jobs runs trained at once, at least 1
 */
public record ModelSearch(CrossValidation cv, Metric metric, int jobs) {
  /**
   * @throws SoftclassException if jobs &lt; 1
   */
  public ModelSearch {
    if (jobs < 1) {
      throw new SoftclassException("--jobs must be at least 1, got " + jobs);
    }
  }

  /** Grid search: every combination of {@code space}'s grid values over {@code base}. */
  public SearchResult grid(SearchSpace space, TrainingSettings base, Dataset data) {
    return evaluate(space, space.grid(base), data, ProgressListener.NONE);
  }

  /** Random search: {@code count} candidates drawn from {@code space} with {@code seed}. */
  public SearchResult random(
      SearchSpace space, TrainingSettings base, Dataset data, int count, long seed) {
    return evaluate(space, space.random(base, count, seed), data, ProgressListener.NONE);
  }

  /**
   * Cross-validates each candidate on labelled {@code data}.
   *
   * @param space the searched dimensions (names shown in the results)
   * @param progress told of each finished run as a step {@code "fold"} with the run's score
   * @throws SoftclassException if the data cannot be split, or every candidate failed (the first
   *     failure's message)
   */
  public SearchResult evaluate(
      SearchSpace space,
      List<TrainingSettings> candidates,
      Dataset data,
      ProgressListener progress) {
    if (!data.hasLabels()) {
      throw new SoftclassException(data.source() + ": model selection needs labelled data");
    }
    if (candidates.isEmpty()) {
      throw new SoftclassException("the search has no candidates");
    }
    StratifiedKFold[] splits = cv.splits(data);
    int runs = cv.runs();
    double[][] scores = new double[candidates.size()][runs];
    String[] errors = new String[candidates.size()];
    ExecutorService pool = Executors.newFixedThreadPool(jobs, ModelSearch::daemon);
    int[] done = {0};
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < candidates.size(); c++) {
        TrainingSettings settings = candidates.get(c).toBuilder().threads(1).build();
        for (int run = 0; run < runs; run++) {
          final int cand = c;
          final int r = run;
          futures.add(
              pool.submit(
                  () -> {
                    StratifiedKFold split = splits[r / cv.folds()];
                    int fold = r % cv.folds();
                    double score;
                    try {
                      Model m =
                          Trainer.fit(
                              settings, data.subset(split.training(fold)), ProgressListener.NONE);
                      score = metric.of(Evaluation.of(m, data.subset(split.heldOut(fold))));
                    } catch (SoftclassException e) {
                      score = Double.NaN;
                      synchronized (errors) {
                        if (errors[cand] == null) {
                          errors[cand] = e.getMessage();
                        }
                      }
                    }
                    scores[cand][r] = score;
                    synchronized (done) {
                      progress.step("fold", ++done[0], scores.length * runs, score);
                    }
                  }));
        }
      }
      for (Future<?> f : futures) {
        join(f);
      }
    } finally {
      pool.shutdownNow();
      progress.finished();
    }
    SearchResult result = SearchResult.of(space, candidates, scores, errors, metric, cv);
    if (result.candidates().stream().allMatch(s -> s.error() != null)) {
      throw new SoftclassException("every candidate failed; the first: " + errors[0]);
    }
    return result;
  }

  private static void join(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("model selection interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "softclass-search");
    t.setDaemon(true);
    return t;
  }
}
