package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Instances of a model with a categorical feature: strings, numbers and null for it. */
class CategoricalRequestTest {
  private static final long FAR = System.nanoTime() + Duration.ofHours(1).toNanos();
  private final Model model = train();
  private final ModelSnapshot snap = new ModelSnapshot(model, 1, Instant.now(), Duration.ZERO);
  private final PredictRequestParser parser = new PredictRequestParser(Limits.defaults());

  private static Model train() {
    StringBuilder csv = new StringBuilder("label,size,colour\n");
    String[] colours = {"red", "blue", "green", ""};
    for (int i = 0; i < 40; i++) {
      String size = i % 5 == 2 ? "" : Integer.toString(i % 10);
      csv.append(i % 4 == 1 || i % 10 > 6 ? "y" : "n").append(',').append(size).append(',');
      csv.append(colours[i % 4]).append('\n');
    }
    return Classifier.logistic()
        .fit(
            DataReaders.read(
                    new StringReader(csv.toString()), "t.csv", DataFormat.CSV, "label", true)
                .toDataset());
  }

  private Instance one(String json) {
    return parser
        .parse(("{\"instances\": [" + json + "]}").getBytes(StandardCharsets.UTF_8), "m", snap, FAR)
        .instances()
        .get(0);
  }

  @Test
  void objectAndArrayInstancesTakeStringsForCategoricalFeatures() {
    double[] expected = model.predictProbaRaw(new float[] {3, 0}, new String[] {null, "blue"});

    assertThat(one("{\"size\": 3, \"colour\": \"blue\"}").predictProba(model))
        .containsExactly(expected);
    assertThat(one("[3, \"blue\"]").predictProba(model)).containsExactly(expected);
    // unknown category: all zeros in the one-hot inputs; null: missing, filled as in training
    assertThat(one("{\"size\": null, \"colour\": \"purple\"}").predictProba(model))
        .containsExactly(
            model.predictProbaRaw(new float[] {Float.NaN, 0}, new String[] {null, "purple"}));
    assertThat(one("{\"size\": 1, \"colour\": null}").predictProba(model))
        .containsExactly(model.predictProbaRaw(new float[] {1, Float.NaN}, null));
  }

  @Test
  void aStringForANumericFeatureIsRefused() {
    assertThatThrownBy(() -> one("{\"size\": \"big\", \"colour\": \"red\"}"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(422))
        .hasMessageContaining("instances[0].size")
        .hasMessageContaining("numbers");
  }
}
