package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.Model;
import dev.softclass.text.TextModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page at {@code /} in headless Chromium, used as a person would: pick a model, type a row (or
 * a sentence for a text model), click Predict, read the label and the bars. Skipped only when
 * Debian's {@code chromium} is not installed ({@code .ci/run} installs it).
 */
class PageTest {
  @TempDir Path dir;

  private static final String BARS =
      "[...document.querySelectorAll('#bars .bar')].map(b => ({name: b.dataset.class,"
          + " p: Number(b.dataset.probability), width: b.querySelector('.fill')"
          + ".getBoundingClientRect().width, best: b.classList.contains('best')}))";

  @Test
  void typeARowClickAndReadTheBars() throws Exception {
    assumeTrue(Chromium.executable() != null, "chromium is not installed");
    Model wine = TestModels.wine();
    wine.save(dir.resolve("wine.softclass"));
    TestModels.manyClasses().save(dir.resolve("many.softclass"));
    Map<String, Path> models = new LinkedHashMap<>();
    models.put("many", dir.resolve("many.softclass"));
    models.put("wine", dir.resolve("wine.softclass"));
    TextModel lang = TestModels.languages();
    lang.save(dir.resolve("lang.softclass"));
    models.put("lang", dir.resolve("lang.softclass"));
    TextModel wordnet = TestModels.wordnet60();
    wordnet.save(dir.resolve("wordnet.softclass"));
    models.put("wordnet", dir.resolve("wordnet.softclass"));
    Path profile = Files.createDirectory(dir.resolve("profile"));
    try (TestServer server = new TestServer(models, TestServer.settings());
        Chromium browser = new Chromium(profile)) {
      browser.call("Page.enable", Map.of());
      browser.call("Page.navigate", Map.of("url", server.server.url() + "/"));
      browser.waitFor(
          "document.querySelectorAll('#model option').length === 4", Duration.ofSeconds(20));

      pick(browser, "wine");
      assertThat(browser.eval("document.getElementById('model-info').textContent").asText())
          .contains("3 classes", "13 features");
      float[] row = TestModels.wineData().features().denseRow(70);
      StringJoiner typed = new StringJoiner(", ");
      for (float v : row) {
        typed.add(Float.toString(v));
      }
      browser.eval("document.getElementById('row').focus()");
      browser.type(typed.toString());
      browser.click("#predict");
      browser.waitFor("!document.getElementById('result').hidden", Duration.ofSeconds(20));

      assertThat(browser.eval("document.getElementById('label').textContent").asText())
          .isEqualTo(wine.predictLabel(row));
      JsonNode bars = browser.eval(BARS);
      double[] p = wine.predictProba(row);
      assertThat(bars).hasSize(3);
      double widest = 0;
      for (JsonNode bar : bars) {
        int k = wine.classes().indexOf(bar.get("name").asText());
        assertThat(bar.get("p").asDouble()).isCloseTo(p[k], within(1e-6));
        assertThat(bar.get("best").asBoolean()).isEqualTo(k == Model.argmax(p));
        widest = Math.max(widest, bar.get("width").asDouble());
      }
      assertThat(bars.get(0).get("best").asBoolean()).as("most probable first").isTrue();
      assertThat(bars.get(0).get("width").asDouble()).isEqualTo(widest).isPositive();
      Files.write(
          Path.of("target", "page-test.png"), browser.screenshot()); // for a person to look at

      browser.eval("document.getElementById('row').value = ''");
      browser.eval("document.getElementById('row').focus()");
      browser.type("1, 2");
      browser.click("#predict");
      browser.waitFor("!document.getElementById('error').hidden", Duration.ofSeconds(20));
      assertThat(browser.eval("document.getElementById('error').textContent").asText())
          .contains("instances[0] has 2 values", "expects 13 features");
      assertThat(browser.eval("document.getElementById('result').hidden").asBoolean()).isTrue();

      // a text model: type a sentence, click, read a bar per class
      pick(browser, "lang");
      assertThat(browser.eval("document.getElementById('row-label').textContent").asText())
          .isEqualTo("Sentence");
      assertThat(browser.eval("document.getElementById('model-info').textContent").asText())
          .contains("8 classes", "text");
      String sentence = "Everyone has the right to life, liberty and the security of person.";
      JsonNode textBars = predict(browser, sentence);
      double[] q = lang.predictProba(sentence);
      assertThat(textBars).hasSize(8);
      assertThat(browser.eval("document.getElementById('label').textContent").asText())
          .isEqualTo(lang.classes().get(Model.argmax(q)))
          .isEqualTo("eng");
      double previous = 1;
      for (JsonNode bar : textBars) {
        int k = lang.classes().indexOf(bar.get("name").asText());
        assertThat(bar.get("p").asDouble()).isCloseTo(q[k], within(1e-6));
        assertThat(bar.get("best").asBoolean()).isEqualTo(k == Model.argmax(q));
        assertThat(bar.get("p").asDouble()).as("most probable first").isLessThanOrEqualTo(previous);
        previous = bar.get("p").asDouble();
      }
      Files.write(Path.of("target", "page-test-text.png"), browser.screenshot());

      // a text model with 60 classes: the ten most probable
      pick(browser, "wordnet");
      String gloss = TestModels.textData("wordnet-60.ft.txt").texts().get(0);
      JsonNode top = predict(browser, gloss);
      double[] w = wordnet.predictProba(gloss);
      assertThat(top).hasSize(10);
      assertThat(top.get(0).get("best").asBoolean()).isTrue();
      double[] sorted = w.clone();
      java.util.Arrays.sort(sorted);
      for (int r = 0; r < 10; r++) {
        int k = wordnet.classes().indexOf(top.get(r).get("name").asText());
        assertThat(top.get(r).get("p").asDouble())
            .isCloseTo(w[k], within(1e-6))
            .isCloseTo(sorted[sorted.length - 1 - r], within(1e-6));
      }
    }
  }

  /** Picks a model in the list, as a person would. */
  private static void pick(Chromium browser, String model) throws Exception {
    browser.eval(
        "(() => { const s = document.getElementById('model'); s.value = '"
            + model
            + "'; s.dispatchEvent(new Event('change')); })()");
  }

  /** Types {@code text} in the box, clicks Predict and reads the bars. */
  private static JsonNode predict(Chromium browser, String text) throws Exception {
    browser.eval("document.getElementById('row').value = ''");
    browser.eval("document.getElementById('row').focus()");
    browser.type(text);
    browser.click("#predict");
    browser.waitFor("!document.getElementById('result').hidden", Duration.ofSeconds(20));
    return browser.eval(BARS);
  }
}
