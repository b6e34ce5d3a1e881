package dev.softclass.cli;

import dev.softclass.SoftclassException;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.io.AtomicFiles;
import dev.softclass.select.StratifiedSplit;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code softclass split}: a stratified train/test (and optional validation) split of a data file.
 * The parts are the file's own lines (and a CSV file's header), so the format and every value stay
 * exactly as they were.
 */
@Command(
    name = "split",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
      "Split labelled data into train and test files (and a validation file), keeping each"
          + " class's share in every part. The parts are copies of the file's own lines:"
          + " DIR/train.EXT, DIR/test.EXT and DIR/validation.EXT (EXT as the input's, without .gz;"
          + " train.ft.txt and so on for fastText text, whose lines are stratified by their label"
          + " set)."
    })
final class SplitCommand implements Callable<Integer> {
  @Mixin DataOptions dataOptions;

  @Option(
      names = "--test-size",
      paramLabel = "F",
      defaultValue = "0.2",
      description = "Share of the rows in the test part (default: ${DEFAULT-VALUE}).")
  double testSize;

  @Option(
      names = "--validation-size",
      paramLabel = "F",
      defaultValue = "0",
      description =
          "Share of the rows in a validation part, for calibration, thresholds or early stopping"
              + " (default: none).")
  double validationSize;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of the shuffle (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--output-dir",
      required = true,
      paramLabel = "DIR",
      description = "Folder for the parts (created if needed).")
  Path outputDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!(validationSize >= 0) || !(testSize > 0) || testSize + validationSize >= 1) {
      throw new SoftclassException(
          "--test-size must be > 0, --validation-size >= 0, and together below 1; got "
              + testSize
              + " and "
              + validationSize);
    }
    Strata strata = strata();
    Dataset data = strata.data();
    int[][] trainTest = StratifiedSplit.rows(data, testSize, seed);
    Map<Long, Integer> partOfLine = new HashMap<>();
    List<String> names = new ArrayList<>(List.of("train", "test"));
    assign(strata, trainTest[1], 1, partOfLine);
    if (validationSize > 0) {
      // the validation share is taken from what the test part left, stratified again
      int[] restRows = trainTest[0];
      int[][] trainValidation =
          StratifiedSplit.rows(data.subset(restRows), validationSize / (1 - testSize), seed + 1);
      assign(strata, pick(restRows, trainValidation[0]), 0, partOfLine);
      assign(strata, pick(restRows, trainValidation[1]), 2, partOfLine);
      names.add("validation");
    } else {
      assign(strata, trainTest[0], 0, partOfLine);
    }
    List<List<String>> parts = copyLines(partOfLine, names.size(), isCsv());
    PrintWriter out = spec.commandLine().getOut();
    for (int p = 0; p < names.size(); p++) {
      Path target = outputDir.resolve(names.get(p) + "." + extension());
      List<String> lines = parts.get(p);
      AtomicFiles.write(
          target,
          "the " + names.get(p) + " part",
          stream -> {
            BufferedWriter w =
                new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            for (String line : lines) {
              w.write(line);
              w.write('\n');
            }
            w.flush();
          });
      int rows = lines.size() - (isCsv() ? 1 : 0);
      out.printf(Locale.ROOT, "%-10s %7d rows  %s%n", names.get(p), rows, target);
    }
    return 0;
  }

  /**
   * What the split stratifies: one row per example with its class (for fastText text, the line's
   * label set), and the file line each row starts on.
   */
  private record Strata(Dataset data, int[] textLines) {
    long line(int row) {
      return textLines != null ? textLines[row] : data.line(row);
    }
  }

  private Strata strata() {
    if (dataOptions.format() != DataFormat.FASTTEXT) {
      return new Strata(dataOptions.read(true).toDataset(), null);
    }
    TextData text = FastTextReader.read(dataOptions.data, true);
    // the rows carry no features: only their classes matter to a stratified split
    Map<String, Integer> classOf = new HashMap<>();
    int[] y = new int[text.size()];
    for (int r = 0; r < y.length; r++) {
      StringBuilder key = new StringBuilder();
      for (int label : text.labels().labels(r)) {
        key.append(text.encoder().name(label)).append(';');
      }
      y[r] = classOf.computeIfAbsent(key.toString(), k -> classOf.size());
    }
    return new Strata(Dataset.of(new double[y.length][1], y), text.lines());
  }

  private static int[] pick(int[] rows, int[] positions) {
    int[] picked = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      picked[i] = rows[positions[i]];
    }
    return picked;
  }

  private static void assign(Strata strata, int[] rows, int part, Map<Long, Integer> partOfLine) {
    for (int r : rows) {
      long line = strata.line(r);
      if (line < 0) {
        throw new SoftclassException(
            strata.data().source()
                + ": the reader did not keep line numbers, so the file cannot be split");
      }
      partOfLine.put(line, part);
    }
  }

  /**
   * The lines of each part, in file order. A line that starts no row (a CSV record's continuation
   * inside quotes, a comment) goes with the row before it; a CSV header goes to every part.
   */
  private List<List<String>> copyLines(Map<Long, Integer> partOfLine, int count, boolean csv) {
    List<List<String>> parts = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      parts.add(new ArrayList<>());
    }
    try (BufferedReader r = new BufferedReader(DataReaders.open(dataOptions.data))) {
      String line;
      long lineNo = 0;
      int current = -1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        Integer part = partOfLine.get(lineNo);
        if (part != null) {
          current = part;
        }
        if (current >= 0) {
          parts.get(current).add(line);
        } else if (csv) {
          for (List<String> p : parts) {
            p.add(line);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parts;
  }

  private boolean isCsv() {
    DataFormat f =
        dataOptions.format == null
            ? DataFormat.detect(dataOptions.data)
            : DataFormat.parse(dataOptions.format);
    return f == DataFormat.CSV;
  }

  private String extension() {
    if (dataOptions.format() == DataFormat.FASTTEXT) {
      return "ft.txt"; // the name the other commands recognise without --format
    }
    String name = dataOptions.data.getFileName().toString();
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "txt" : name.substring(dot + 1);
  }
}
