package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.data.FastTextReader;
import dev.softclass.head.ClassSampler;
import dev.softclass.preprocess.text.TextNormalization;
import dev.softclass.text.LossType;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextSettings;
import dev.softclass.text.TextTrainer;
import java.io.StringReader;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server tokenises raw text with the served model's Unicode normalisation. */
class TextNormalizationServingTest {
  private static final String[] WORDS = {"caf\u00e9", "na\u00efve", "\u00e9t\u00e9", "se\u00f1or"};

  @TempDir Path dir;

  /** A model trained without normalisation on lines labelled by how their words are spelled. */
  private static TextModel spellingModel() {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String text = WORDS[i % WORDS.length] + " " + WORDS[(i + 1) % WORDS.length];
      data.append("__label__composed ").append(text).append('\n');
      data.append("__label__decomposed ")
          .append(Normalizer.normalize(text, Normalizer.Form.NFD))
          .append('\n');
    }
    TextSettings s =
        new TextSettings(
            8,
            10,
            0.5,
            1,
            0,
            0,
            0,
            1,
            LossType.SOFTMAX,
            5,
            ClassSampler.Kind.UNIGRAM,
            false,
            false,
            TextNormalization.NONE,
            1,
            false,
            3);
    return new TextTrainer(s)
        .fit(FastTextReader.read(new StringReader(data.toString()), "spellings.txt", true));
  }

  @Test
  void aModelTrainedWithoutNormalisationTellsTheSpellingsApartWhenServed() {
    TextModel model = spellingModel();
    Path file = dir.resolve("spellings.softclass");
    model.save(file);
    String composed = "caf\u00e9 \u00e9t\u00e9";
    String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
    try (TestServer server = new TestServer(Map.of("spellings", file), TestServer.settings())) {
      // JSON escapes keep the two spellings exact through any encoding of the test source.
      TestServer.Reply r =
          server.post(
              "/v1/models/spellings:predict",
              "{\"instances\": [\"caf\\u00e9 \\u00e9t\\u00e9\", \"cafe\\u0301 e\\u0301te\\u0301\"]}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode predictions = r.json().get("predictions");
      assertThat(predictions.get(0).get("label").asText()).isEqualTo("composed");
      assertThat(predictions.get(1).get("label").asText()).isEqualTo("decomposed");
      List<String> texts = List.of(composed, decomposed);
      for (int i = 0; i < texts.size(); i++) {
        double[] p = model.predictProba(texts.get(i));
        for (int c = 0; c < p.length; c++) {
          assertThat(predictions.get(i).get("probabilities").get(c).asDouble())
              .isCloseTo(p[c], within(1e-6));
        }
      }
      JsonNode described = server.get("/v1/models/spellings").json();
      assertThat(described.get("text_features").get("normalization").asText()).isEqualTo("none");
    }
  }
}
