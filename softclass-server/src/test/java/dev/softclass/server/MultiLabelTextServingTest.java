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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-label text model (one-vs-all on lines with several labels) served: each instance has the
 * labels its decision chooses, as a multi-label table model's, with every label's sigmoid score.
 */
class MultiLabelTextServingTest {
  private static final String[] TOPICS = {"sports", "politics", "music"};
  private static final String[][] TRIGGERS = {
    {"goal", "coach", "stadium"}, {"vote", "senate", "minister"}, {"guitar", "album", "concert"}
  };
  private static TextModel model;

  @TempDir Path dir;

  /** One or two topics per line, two trigger words each and filler; drawn from a seeded RNG. */
  @BeforeAll
  static void train() {
    Random r = new Random(11);
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      int a = r.nextInt(3);
      int b = r.nextBoolean() ? (a + 1 + r.nextInt(2)) % 3 : -1;
      List<String> words = new ArrayList<>(List.of("the", "a", "of"));
      words.add(TRIGGERS[a][r.nextInt(3)]);
      data.append("__label__").append(TOPICS[a]);
      if (b >= 0) {
        data.append(" __label__").append(TOPICS[b]);
        words.add(TRIGGERS[b][r.nextInt(3)]);
      }
      java.util.Collections.shuffle(words, r);
      data.append(' ').append(String.join(" ", words)).append('\n');
    }
    TextSettings s =
        new TextSettings(
            8,
            10,
            0.5,
            1,
            0,
            0,
            1000,
            1,
            LossType.OVA,
            5,
            ClassSampler.Kind.UNIGRAM,
            false,
            false,
            TextNormalization.NFC,
            1,
            false,
            3);
    model =
        new TextTrainer(s)
            .fit(FastTextReader.read(new StringReader(data.toString()), "topics.txt", true));
  }

  @Test
  void predictGivesTheChosenLabelsAndEveryScore() {
    Path file = dir.resolve("topics.softclass");
    model.save(file);
    List<String> texts = List.of("coach vote the", "album of a", "the a");
    try (TestServer server = new TestServer(Map.of("topics", file), TestServer.settings())) {
      StringBuilder body = new StringBuilder("{\"instances\": [");
      for (int i = 0; i < texts.size(); i++) {
        body.append(i > 0 ? ", " : "").append('"').append(texts.get(i)).append('"');
      }
      TestServer.Reply r = server.post("/v1/models/topics:predict", body.append("]}").toString());
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode predictions = r.json().get("predictions");
      for (int i = 0; i < texts.size(); i++) {
        double[] p = model.predictProba(texts.get(i));
        JsonNode got = predictions.get(i);
        List<String> labels = new ArrayList<>();
        got.get("labels").forEach(l -> labels.add(l.asText()));
        assertThat(labels)
            .isEqualTo(
                Arrays.stream(model.decideLabels(p)).mapToObj(model.classes()::get).toList());
        for (int c = 0; c < p.length; c++) {
          assertThat(got.get("probabilities").get(c).asDouble()).isCloseTo(p[c], within(1e-6));
        }
      }
      assertThat(predictions.get(0).get("labels").toString())
          .isEqualTo("[\"politics\",\"sports\"]");
      assertThat(predictions.get(1).get("labels").toString()).isEqualTo("[\"music\"]");

      TestServer.Reply top =
          server.post(
              "/v1/models/topics:predict", "{\"instances\": [\"coach vote\"], \"top_k\": 2}");
      assertThat(top.status()).as(top.body()).isEqualTo(200);
      JsonNode t = top.json().get("predictions").get(0);
      assertThat(t.get("top")).hasSize(2);
      assertThat(t.get("labels")).hasSize(2);
      assertThat(t.has("probabilities")).isFalse();

      JsonNode described = server.get("/v1/models/topics").json();
      assertThat(described.get("task").asText()).isEqualTo("multilabel");
      assertThat(described.get("label_decision").get("threshold").asDouble()).isEqualTo(0.5);
    }
  }
}
