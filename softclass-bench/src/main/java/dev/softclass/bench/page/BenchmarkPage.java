package dev.softclass.bench.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code docs/benchmarks.md} and its PNG charts from the anchors harness's results: one
 * table per dataset (tool, accuracy, macro-F1, log loss, ECE, train s, predict s, peak RSS, load)
 * with a time-vs-accuracy chart, and a summary of Softclass's rank per dataset. bench/run.sh calls
 * it after a run; the page is never edited by hand.
 *
 * <p>Arguments: {@code --results WORK/results/results.jsonl --tags T1,T2,... --out
 * docs/benchmarks.md}; the charts go to {@code benchmarks/} beside the page. Several runs (tags)
 * may make one page: each dataset's row of a system comes from the latest of them that has it, and
 * the page names the run of every row. Each run's machine description and command line are read
 * from {@code TAG-env.json} and {@code TAG-command.txt} beside {@code results.jsonl} (bench/run.sh
 * writes both).
 */
public final class BenchmarkPage {
  private BenchmarkPage() {}

  /** Reads the results and writes the page. */
  public static void main(String[] args) throws IOException {
    Map<String, String> a = Arguments.parse(args, "--results", "--tags", "--out");
    Path resultsFile = Path.of(a.get("--results"));
    List<String> tags = List.of(a.get("--tags").split(","));
    ResultsFile results = ResultsFile.read(resultsFile, tags);
    Path page = Path.of(a.get("--out"));
    Path charts = page.resolveSibling("benchmarks");
    Files.createDirectories(charts);

    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append(
            "<!-- Written by bench/run.sh or bench/page.sh (dev.softclass.bench.page.BenchmarkPage):")
        .append(" do not edit by hand, run the commands below again. -->\n\n")
        .append(
            "Softclass next to scikit-learn, liblinear, fastText, Smile, Tribuo and Weka on the")
        .append(
            " same split files, scored by the same scorer (`../shared/anchors`). Softclass runs")
        .append(" through its command line (`bench/softclass-system.sh`): its train and predict")
        .append(" times include JVM start and reading the file, like liblinear's and fastText's.")
        .append(" ECE: expected calibration error of the top class, 15 equal-width bins. Load: the")
        .append(" 1-minute load average when the system started (the machine is shared).\n\n")
        .append("## Runs\n\n")
        .append("Each dataset's rows come from the latest run that has them (the runs named under")
        .append(
            " its heading); the tables of different runs were measured at different loads.\n\n");
    for (String tag : results.runs()) {
      Path stored = resultsFile.getParent();
      md.append("- `")
          .append(tag)
          .append("`: ")
          .append(results.timeSpan(tag))
          .append("\n  - Command: `")
          .append(Files.readString(stored.resolve(tag + "-command.txt")).strip())
          .append("`\n  - Machine and versions:");
      JsonNode env = new ObjectMapper().readTree(stored.resolve(tag + "-env.json").toFile());
      for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        md.append(" ")
            .append(e.getKey())
            .append(" ")
            .append(e.getValue().asText())
            .append(it.hasNext() ? ";" : "\n");
      }
    }
    md.append('\n');
    summary(md, results);
    for (String dataset : results.datasets()) {
      List<ResultRow> rows = results.rows(dataset);
      md.append("## ").append(results.describe(dataset)).append("\n\n");
      md.append(runsOf(results.runOf(dataset))).append("\n\n");
      Path png = charts.resolve(dataset + ".png");
      TimeAccuracyChart.write(dataset + ": training time vs accuracy", rows, png);
      if (Files.exists(png)) {
        md.append("![").append(dataset).append(": training time vs accuracy](benchmarks/");
        md.append(dataset).append(".png)\n\n");
      }
      md.append("| tool | accuracy | macro-F1 | log loss | ECE | train s | predict s |")
          .append(" peak RSS MB | load 1m | status |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|\n");
      for (ResultRow r : rows) {
        md.append("| ")
            .append(r.isSoftclass() ? "**" + r.system() + "**" : r.system())
            .append(" | ")
            .append(fixed(r.accuracy(), 4))
            .append(" | ")
            .append(fixed(r.macroF1(), 4))
            .append(" | ")
            .append(fixed(r.logLoss(), 4))
            .append(" | ")
            .append(fixed(r.ece(), 4))
            .append(" | ")
            .append(seconds(r.trainSeconds()))
            .append(" | ")
            .append(seconds(r.predictSeconds()))
            .append(" | ")
            .append(fixed(r.peakRssMb(), 0))
            .append(" | ")
            .append(fixed(r.load(), 1))
            .append(" | ")
            .append(r.ok() ? "ok" : r.status() + (r.note().isEmpty() ? "" : ": " + r.note()))
            .append(" |\n");
      }
      md.append('\n');
    }
    Path tmp = Files.createTempFile(page.toAbsolutePath().getParent(), ".benchmarks", ".md");
    Files.writeString(tmp, md, StandardCharsets.UTF_8);
    Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void summary(StringBuilder md, ResultsFile results) {
    md.append("## Summary: Softclass's rank per dataset\n\n")
        .append("For each metric, the best Softclass row (named) ranked among every system with a")
        .append(" result on that dataset (1 = best).\n\n")
        .append("| dataset | accuracy | log loss | train time |\n|---|---|---|---|\n");
    for (String dataset : results.datasets()) {
      List<ResultRow> rows = results.rows(dataset);
      md.append("| ")
          .append(dataset)
          .append(" | ")
          .append(rank(Ranks.highest(rows, ResultRow::accuracy)))
          .append(" | ")
          .append(rank(Ranks.lowest(rows, ResultRow::logLoss)))
          .append(" | ")
          .append(rank(Ranks.lowest(rows, ResultRow::trainSeconds)))
          .append(" |\n");
    }
    md.append('\n');
  }

  /**
   * "Run `T`." or "Runs: `T2` for a, b; `T1` for the other N rows.": the run with most rows (the
   * oldest of a tie) is "the other", the others are named newest first (tags sort by time).
   */
  static String runsOf(Map<String, String> runOfSystem) {
    Map<String, List<String>> systemsOf = new TreeMap<>(Comparator.reverseOrder());
    runOfSystem.forEach(
        (system, tag) -> systemsOf.computeIfAbsent(tag, t -> new ArrayList<>()).add(system));
    if (systemsOf.size() == 1) {
      return "Run `" + systemsOf.keySet().iterator().next() + "`.";
    }
    String main =
        systemsOf.entrySet().stream()
            .max(
                Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getValue().size())
                    .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .get()
            .getKey();
    StringBuilder s = new StringBuilder("Runs:");
    systemsOf.forEach(
        (tag, systems) -> {
          if (!tag.equals(main)) {
            systems.sort(null);
            s.append(" `")
                .append(tag)
                .append("` for ")
                .append(String.join(", ", systems))
                .append(";");
          }
        });
    return s.append(" `")
        .append(main)
        .append("` for the other ")
        .append(systemsOf.get(main).size())
        .append(systemsOf.get(main).size() == 1 ? " row." : " rows.")
        .toString();
  }

  private static String rank(Ranks.Rank r) {
    return r == null ? "no result" : r.rank() + " of " + r.of() + " (" + r.row().system() + ")";
  }

  private static String fixed(double v, int decimals) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  private static String seconds(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, v < 10 ? "%.3f" : "%.1f", v);
  }
}
