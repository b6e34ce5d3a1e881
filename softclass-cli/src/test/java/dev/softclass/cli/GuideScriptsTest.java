package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every walk-through script of {@code docs/guide} on small real datasets, with the command
 * line of this build, so the guides cannot rot: each script must succeed, and the commands its page
 * shows must be the commands it runs today (the page's output is made by {@code render.py}).
 */
class GuideScriptsTest {
  private static final Path GUIDE = Path.of("..", "docs", "guide");
  private static final Path RESOURCES = Path.of("src", "test", "resources", "guide");

  @TempDir Path work;

  @Test
  void spamFiltering() throws Exception {
    check("spam-filtering", Map.of(), RESOURCES.resolve("spambase-sample.csv"));
  }

  @Test
  void medicalDiagnosis() throws Exception {
    check(
        "medical-diagnosis",
        Map.of(),
        Path.of("..", "softclass-core", "src", "test", "resources", "datasets")
            .resolve("breast_cancer_wdbc/train.csv"),
        RESOURCES.resolve("pima_diabetes.csv"));
  }

  @Test
  void serving() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    check("serving", Map.of("PORT", Integer.toString(port)), bundledWine());
  }

  @Test
  void imageClassification() throws Exception {
    Path digits = Path.of("..", "softclass-core", "src", "test", "resources", "datasets", "digits");
    check(
        "image-classification",
        Map.of("EPOCHS", "2"),
        digits.resolve("train.csv"),
        digits.resolve("test.csv"));
  }

  @Test
  void sentiment() throws Exception {
    check("sentiment", Map.of(), RESOURCES.resolve("sentiment-sample.ft.txt"));
  }

  @Test
  void languageIdentification() throws Exception {
    check(
        "language-identification",
        Map.of("EPOCHS", "2"),
        Path.of("..", "softclass-core", "src", "test", "resources", "datasets", "udhr_langid")
            .resolve("udhr_8langs.ft.txt"));
  }

  @Test
  void manyClasses() throws Exception {
    check(
        "many-classes",
        Map.of("EPOCHS", "2"),
        RESOURCES.resolve("wordnet-sample.ft.txt"),
        RESOURCES.resolve("wordnet-sample-labels.tsv"));
  }

  @Test
  void nextWord() throws Exception {
    // the sample's odd lines are the training text, its even lines the test text
    List<String> lines =
        Files.readAllLines(RESOURCES.resolve("sentiment-sample.ft.txt"), StandardCharsets.UTF_8);
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      (i % 2 == 0 ? train : test).add(lines.get(i));
    }
    Path trainText = Files.write(work.resolve("train.ft.txt"), train, StandardCharsets.UTF_8);
    Path testText = Files.write(work.resolve("test.ft.txt"), test, StandardCharsets.UTF_8);
    check("next-word", Map.of("VOCAB", "300", "EPOCHS", "1"), trainText, testText);
  }

  @Test
  void multiLabel() throws Exception {
    check(
        "multi-label",
        Map.of("TRAIN_ROWS", "300"),
        Path.of("..", "softclass-core", "src", "test", "resources", "datasets", "yeast")
            .resolve("yeast-400.csv"));
  }

  @Test
  void everyGuideHasATest() throws IOException {
    try (var files = Files.list(GUIDE)) {
      List<String> scripts =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".sh") && !n.equals("lib.sh"))
              .sorted()
              .collect(Collectors.toList());
      assertThat(scripts)
          .containsExactly(
              "image-classification.sh",
              "language-identification.sh",
              "many-classes.sh",
              "medical-diagnosis.sh",
              "multi-label.sh",
              "next-word.sh",
              "sentiment.sh",
              "serving.sh",
              "spam-filtering.sh");
    }
  }

  private Path bundledWine() throws IOException {
    Path wine = work.resolve("wine.csv");
    try (InputStream in = DemoCommand.class.getResourceAsStream("wine.csv")) {
      Files.copy(in, wine);
    }
    return wine;
  }

  private void check(String guide, Map<String, String> env, Path... data) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("bash", GUIDE.resolve(guide + ".sh").toString()));
    for (Path d : data) {
      command.add(d.toAbsolutePath().toString());
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("WORK", Files.createDirectories(work.resolve("out")).toString());
    pb.environment().put("SOFTCLASS", thisBuildsCommandLine());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();

    String page = Files.readString(GUIDE.resolve(guide + ".md"), StandardCharsets.UTF_8);
    assertThat(commands(output))
        .as(
            "the commands shown in docs/guide/%s.md (run render.py after changing the script)",
            guide)
        .isNotEmpty()
        .isEqualTo(commands(page));
  }

  /** {@code softclass} commands shown, reduced to the verb and the option names. */
  private static List<String> commands(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\$ softclass (\\S+)(.*)$").matcher(text);
    while (m.find()) {
      StringBuilder c = new StringBuilder(m.group(1));
      Matcher option = Pattern.compile("(?<=\\s)--[a-z-]+").matcher(m.group(2));
      while (option.find()) {
        c.append(' ').append(option.group());
      }
      out.add(c.toString());
    }
    return out;
  }

  /** This JVM running the command line from this build's classes. */
  private static String thisBuildsCommandLine() {
    String java = ProcessHandle.current().info().command().orElse("java");
    return java
        + " --add-modules jdk.incubator.vector -cp "
        + System.getProperty("java.class.path")
        + " dev.softclass.cli.Main";
  }
}
