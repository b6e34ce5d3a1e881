package dev.softclass.bench.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code docs/benchmarks.md} and its PNG charts from the anchors harness's results: one
 * table per dataset (tool, accuracy, macro-F1, log loss, ECE, train s, predict s, peak RSS, load)
 * with a time-vs-accuracy chart, and a summary of Softclass's rank per dataset. bench/run.sh calls
 * it after a run; the page is never edited by hand.
 *
 * <p>Arguments: {@code --results WORK/results/results.jsonl --tag T --env ENV.json --command "..."
 * --out docs/benchmarks.md}; the charts go to {@code benchmarks/} beside the page.
 */
public final class BenchmarkPage {
  private BenchmarkPage() {}

  /** Reads the results and writes the page. */
  public static void main(String[] args) throws IOException {
    Map<String, String> a =
        Arguments.parse(args, "--results", "--tag", "--env", "--command", "--out");
    ResultsFile results = ResultsFile.read(Path.of(a.get("--results")), a.get("--tag"));
    JsonNode env = new ObjectMapper().readTree(Path.of(a.get("--env")).toFile());
    Path page = Path.of(a.get("--out"));
    Path charts = page.resolveSibling("benchmarks");
    Files.createDirectories(charts);

    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append(
            "<!-- Written by bench/run.sh (dev.softclass.bench.page.BenchmarkPage): do not edit")
        .append(" by hand, run the command below again. -->\n\n")
        .append(
            "Softclass next to scikit-learn, liblinear, fastText, Smile, Tribuo and Weka on the")
        .append(
            " same split files, scored by the same scorer (`../shared/anchors`). Softclass runs")
        .append(" through its command line (`bench/softclass-system.sh`): its train and predict")
        .append(" times include JVM start and reading the file, like liblinear's and fastText's.")
        .append(" ECE: expected calibration error of the top class, 15 equal-width bins. Load: the")
        .append(" 1-minute load average when the system started (the machine is shared).\n\n")
        .append("- Run: ")
        .append(results.timeSpan())
        .append("\n- Command: `")
        .append(a.get("--command"))
        .append("`\n- Machine and versions:");
    for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      md.append(" ")
          .append(e.getKey())
          .append(" ")
          .append(e.getValue().asText())
          .append(it.hasNext() ? ";" : "\n\n");
    }
    summary(md, results);
    for (String dataset : results.datasets()) {
      List<ResultRow> rows = results.rows(dataset);
      md.append("## ").append(results.describe(dataset)).append("\n\n");
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
