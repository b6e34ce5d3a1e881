package dev.softclass.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  private static final String[] FOUR = {"north", "east", "<south>", "west"};

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void writesEveryPlotAsAPngAndAPageThatShowsThemAndTheMetrics() throws IOException {
    Dataset train = ReportFixtures.blobs(400, FOUR, 1);
    Model model = ReportFixtures.multiclass(train, ReportFixtures.blobs(200, FOUR, 2));
    Dataset test = ReportFixtures.blobs(200, FOUR, 3);

    Report report = Report.of(model, "four.softclass", test);
    List<Path> files = report.write(dir.resolve("out"));

    assertThat(files).hasSize(Report.PLOTS.size() + 1);
    assertThat(files.get(files.size() - 1).getFileName()).hasToString("index.html");
    for (String plot : Report.PLOTS) {
      BufferedImage image = ImageIO.read(dir.resolve("out").resolve(plot).toFile());
      assertThat(image).as(plot).isNotNull();
      assertThat(image.getWidth()).as(plot).isGreaterThanOrEqualTo(Charts.WIDTH);
      assertThat(distinctColours(image)).as(plot + " is not blank").isGreaterThan(10);
    }
    String html = Files.readString(dir.resolve("out/index.html"));
    for (String plot : Report.PLOTS) {
      assertThat(html).contains("<img src=\"" + plot + "\"");
    }
    assertThat(html)
        .contains("four.softclass", "temperature scaling", "ECE (15 equal-width bins)")
        .contains(String.format(java.util.Locale.ROOT, "%.4f", report.evaluation().accuracy()))
        .contains("&lt;south&gt;")
        .doesNotContain("<south>")
        .doesNotContain("http://", "https://", "<script", "<link");
  }

  @Test
  void binaryReportShowsTheThresholdAndTheHistogramByTrueClass() throws IOException {
    String[] two = {"ham", "spam"};
    Dataset train = ReportFixtures.blobs(300, two, 4);
    Model model = ReportFixtures.binary(train, ReportFixtures.blobs(200, two, 5));

    Report.of(model, "spam.softclass", ReportFixtures.blobs(200, two, 6)).write(dir);

    String html = Files.readString(dir.resolve("index.html"));
    assertThat(html).contains("Platt scaling", "spam when p &ge; 0.4000", "ROC AUC");
    assertThat(ImageIO.read(dir.resolve("histogram.png").toFile())).isNotNull();
  }

  @Test
  void aFileInPlaceOfTheFolderIsAUserError() throws IOException {
    Dataset train = ReportFixtures.blobs(100, FOUR, 1);
    Model model = ReportFixtures.multiclass(train, train);
    Path file = dir.resolve("taken");
    Files.writeString(file, "x");

    assertThatThrownBy(() -> Report.of(model, "m", train).write(file))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("taken is a file");
  }

  private static int distinctColours(BufferedImage image) {
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
