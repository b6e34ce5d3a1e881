package dev.softclass.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.data.FastTextReader;
import dev.softclass.head.ClassSampler;
import dev.softclass.preprocess.text.TextNormalization;
import dev.softclass.text.LossType;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextSettings;
import dev.softclass.text.TextTrainer;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A multi-label text model (one-vs-all on lines with several labels) exported and run in ONNX
 * Runtime: the {@code label} output is the indicator matrix of the labels Softclass's decision
 * chooses, and the probabilities are its sigmoid scores.
 */
class TextMultiLabelExportTest {
  private static final String[] TOPICS = {"sports", "politics", "music"};
  private static final String[][] TRIGGERS = {
    {"goal", "coach", "stadium"}, {"vote", "senate", "minister"}, {"guitar", "album", "concert"}
  };

  /** One or two topics per line, a trigger word of each and filler; from a seeded RNG. */
  private static List<String> lines(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int a = r.nextInt(3);
      int b = r.nextBoolean() ? (a + 1 + r.nextInt(2)) % 3 : -1;
      List<String> words = new ArrayList<>(List.of("the", "of"));
      words.add(TRIGGERS[a][r.nextInt(3)]);
      String labels = "__label__" + TOPICS[a];
      if (b >= 0) {
        labels += " __label__" + TOPICS[b];
        words.add(TRIGGERS[b][r.nextInt(3)]);
      }
      java.util.Collections.shuffle(words, r);
      out.add(labels + " " + String.join(" ", words));
    }
    return out;
  }

  @Test
  void labelIndicatorsAreTheDecisionsLabels() throws Exception {
    TextSettings s =
        new TextSettings(
            8,
            8,
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
            5);
    TextModel trained =
        new TextTrainer(s)
            .fit(
                FastTextReader.read(
                    new StringReader(String.join("\n", lines(200, 1))), "topics.txt", true));
    List<String> test = new ArrayList<>();
    for (String line : lines(40, 2)) {
      test.add(line.replaceAll("__label__\\S+ ", ""));
    }
    for (TextModel m :
        List.of(
            trained,
            trained.withLabelDecision(
                new LabelDecision(0.3, new double[] {0.2, 0.6, 0.4}, 1, true, "test")))) {
      long[][] ids = TextExportTest.ids(m, test, 0);
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession.SessionOptions options = OrtRunner.strict();
          OrtSession session =
              env.createSession(TextOnnxExporter.convert(m).toByteArray(), options);
          OnnxTensor input = OnnxTensor.createTensor(env, ids);
          OrtSession.Result result = session.run(Map.of(TextOnnxExporter.IDS, input))) {
        long[][] indicators = (long[][]) result.get(OnnxExporter.LABEL).orElseThrow().getValue();
        float[][] probs =
            (float[][]) result.get(OnnxExporter.PROBABILITIES).orElseThrow().getValue();
        for (int r = 0; r < test.size(); r++) {
          double[] p = m.predictProba(test.get(r));
          long[] want = new long[p.length];
          for (int c : m.decideLabels(p)) {
            want[c] = 1;
          }
          assertThat(indicators[r]).as("labels of line %d", r).containsExactly(want);
          for (int c = 0; c < p.length; c++) {
            assertThat((double) probs[r][c]).isCloseTo(p[c], within(1e-5));
          }
        }
      }
    }
  }
}
