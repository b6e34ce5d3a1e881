package dev.softclass.bench.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the anchors harness's {@code results.jsonl}: the latest row of each dataset and system
 * among the rows of the given runs (tags), in the order the datasets first appear, with each row's
 * ECE computed from the {@code probs.txt} the harness kept. The file is appended run after run, so
 * a later run's row replaces an earlier run's row of the same dataset and system; the run each row
 * comes from is kept.
 */
final class ResultsFile {
  private final Map<String, Map<String, ResultRow>> byDataset = new LinkedHashMap<>();
  private final Map<String, JsonNode> datasetInfo = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> runOf = new LinkedHashMap<>();
  private final Map<String, String[]> runSpan = new LinkedHashMap<>();

  private ResultsFile() {}

  /**
   * @param results the harness's {@code results/results.jsonl}
   * @param tags only rows with one of these tags (one tag per run of bench/run.sh)
   */
  static ResultsFile read(Path results, Collection<String> tags) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path work = results.getParent().getParent();
    ResultsFile file = new ResultsFile();
    Map<String, int[]> truth = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        String tag = n.path("tag").asText();
        if (!tags.contains(tag)) {
          continue;
        }
        String dataset = n.path("dataset").asText();
        String system = n.path("system").asText();
        if (!truth.containsKey(dataset)) {
          truth.put(dataset, SplitLabels.read(work.resolve("splits").resolve(dataset)));
        }
        Path probs = results.getParent().resolve(dataset).resolve(system).resolve("probs.txt");
        String status = n.path("status").asText("error");
        double ece =
            status.equals("ok") ? TopClassCalibration.ece(probs, truth.get(dataset)) : Double.NaN;
        ResultRow row =
            new ResultRow(
                dataset,
                system,
                status,
                n.path("note").asText(""),
                number(n, "accuracy"),
                number(n, "macro_f1"),
                number(n, "log_loss"),
                ece,
                number(n, "train_wall_s"),
                number(n, "predict_wall_s"),
                number(n, "peak_rss_mb"),
                number(n, "loadavg"));
        file.byDataset.computeIfAbsent(dataset, d -> new LinkedHashMap<>()).put(system, row);
        file.datasetInfo.put(dataset, n);
        file.runOf.computeIfAbsent(dataset, d -> new LinkedHashMap<>()).put(system, tag);
        String when = n.path("when").asText();
        String[] span = file.runSpan.computeIfAbsent(tag, t -> new String[] {when, when});
        span[0] = when.compareTo(span[0]) < 0 ? when : span[0];
        span[1] = when.compareTo(span[1]) > 0 ? when : span[1];
      }
    }
    return file;
  }

  private static double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
  }

  /** Dataset names, in the order they first appear. */
  List<String> datasets() {
    return new ArrayList<>(byDataset.keySet());
  }

  /** The rows of one dataset, in the order the systems ran. */
  List<ResultRow> rows(String dataset) {
    return new ArrayList<>(byDataset.get(dataset).values());
  }

  /** "name (n_train/n_test, d=.., K=..)" from the harness's row fields. */
  String describe(String dataset) {
    JsonNode n = datasetInfo.get(dataset);
    return String.format(
        "%s (%d train / %d test rows, %d features, %d classes; %s)",
        dataset,
        n.path("n_train").asLong(),
        n.path("n_test").asLong(),
        n.path("d").asLong(),
        n.path("K").asLong(),
        n.path("split").asText("split unknown"));
  }

  /** The runs with at least one row on the page, in the order their rows first appear. */
  List<String> runs() {
    List<String> used = new ArrayList<>();
    for (Map<String, String> systems : runOf.values()) {
      systems.values().stream().filter(t -> !used.contains(t)).forEach(used::add);
    }
    return runSpan.keySet().stream().filter(used::contains).toList();
  }

  /** The run (tag) each system's row of one dataset comes from, in the order of {@link #rows}. */
  Map<String, String> runOf(String dataset) {
    return Map.copyOf(runOf.get(dataset));
  }

  /** The earliest and latest {@code when} of a run's rows. */
  String timeSpan(String tag) {
    String[] span = runSpan.get(tag);
    return span == null ? "no rows" : span[0] + " to " + span[1];
  }
}
