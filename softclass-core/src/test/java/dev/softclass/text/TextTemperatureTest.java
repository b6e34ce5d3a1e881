package dev.softclass.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.ModelInfo;
import dev.softclass.body.EmbeddingBagBody;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.LabelEncoder;
import dev.softclass.data.TextData;
import dev.softclass.head.ClassSampler;
import dev.softclass.head.FullSoftmaxHead;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.head.NegativeSamplingHead;
import dev.softclass.head.OneVsAllHead;
import dev.softclass.head.SampledSoftmaxHead;
import dev.softclass.head.SgdHead;
import dev.softclass.preprocess.text.TextFeatures;
import dev.softclass.preprocess.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temperature scaling of text models: known answers on hand-built models whose logits are the same
 * for every line, the calibrated model's probabilities, and save/load round trips.
 */
class TextTemperatureTest {
  @TempDir Path dir;

  /**
   * 30 lines of class x and 10 of class y, all the same text: the best probability of x is 0.75,
   * whatever the model's logits.
   */
  private TextData threeToOne() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add((i % 4 == 3 ? "__label__y" : "__label__x") + " w");
    }
    Path file = dir.resolve("data.ft.txt");
    Files.write(file, lines);
    return FastTextReader.read(file, true);
  }

  /** A model with one word, dim 1, every embedding 1: the body's output is 1 for any text. */
  private static TextModel model(SgdHead head, float[] output) {
    TextFeatures features =
        new TextFeatures(new Tokenizer(false), List.of("w", TextFeatures.EOS), 0, 0, 0, 1);
    return new TextModel(
        LabelEncoder.ofClasses(List.of("x", "y")),
        features,
        new EmbeddingBagBody(2, 1, new float[] {1, 1}),
        head,
        output,
        new ModelInfo(Map.of(), Map.of(), Map.of()));
  }

  @Test
  void softmaxTemperatureMakesTheProbabilityTheObservedShare() throws IOException {
    // logits (2, -2): p(x) = sigmoid(4 / T) = 0.75 at T = 4 / ln 3
    TextModel m = model(new FullSoftmaxHead(2, 1), new float[] {2, -2});
    TextTemperature.Fit fit = TextTemperature.fit(m, threeToOne(), 1);
    assertThat(fit.temperature()).isCloseTo(4 / Math.log(3), within(1e-6));
    assertThat(fit.linesUsed()).isEqualTo(40);
    double best = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    assertThat(fit.logLossAfter()).isCloseTo(best, within(1e-12));
    double before = -(0.75 * Math.log(sigmoid(4)) + 0.25 * Math.log(sigmoid(-4)));
    assertThat(fit.logLossBefore()).isCloseTo(before, within(1e-9));

    TextModel calibrated = m.withTemperature(fit.temperature());
    assertThat(calibrated.predictProba("w")[0]).isCloseTo(0.75, within(1e-6));
    assertThat(TextEvaluation.of(calibrated, threeToOne()).logLoss()).isCloseTo(best, within(1e-6));
  }

  @Test
  void sampledAndNsSoftmaxHeadsAreScaledLikeTheSoftmax() throws IOException {
    ClassSampler sampler = new ClassSampler(ClassSampler.Kind.UNIGRAM, new double[] {30, 10});
    for (SgdHead head :
        List.<SgdHead>of(
            new SampledSoftmaxHead(2, 1, 1, sampler),
            new NegativeSamplingHead(2, 1, 1, sampler, true))) {
      TextModel m = model(head, new float[] {1, -1});
      assertThat(TextTemperature.fit(m, threeToOne(), 1).temperature())
          .as(head.name())
          .isCloseTo(2 / Math.log(3), within(1e-6));
    }
  }

  @Test
  void normalisedSigmoidScoresAreFittedAsEvaluationNormalisesThem() throws IOException {
    // sigmoid(z) / (sigmoid(z) + sigmoid(-z)) = sigmoid(z): with logits (3, -3), 0.75 at T = 3/ln 3
    TextModel m = model(new OneVsAllHead(2, 1), new float[] {3, -3});
    TextTemperature.Fit fit = TextTemperature.fit(m, threeToOne(), 1);
    assertThat(fit.temperature()).isCloseTo(3 / Math.log(3), within(1e-6));
    TextModel calibrated = m.withTemperature(fit.temperature());
    assertThat(TextEvaluation.of(calibrated, threeToOne()).logLoss())
        .isCloseTo(fit.logLossAfter(), within(1e-6));
  }

  @Test
  void normalisedSigmoidLossStaysFiniteWhenEverySigmoidUnderflows() {
    // sigmoid(-1000) and sigmoid(-1200) are 0 in doubles; their ratio is exp(200)
    float[] z = {-10, -12};
    assertThat(TextTemperature.normalisedSigmoidLoss(z, 0, 100)).isCloseTo(0, within(1e-80));
    assertThat(TextTemperature.normalisedSigmoidLoss(z, 1, 100)).isCloseTo(200, within(1e-9));
    // and at beta = 1 it is the plain formula
    double s0 = 1 / (1 + Math.exp(10));
    double s1 = 1 / (1 + Math.exp(12));
    assertThat(TextTemperature.normalisedSigmoidLoss(z, 1, 1))
        .isCloseTo(-Math.log(s1 / (s0 + s1)), within(1e-12));
  }

  @Test
  void hierarchicalSoftmaxScalesEveryNodeAndStaysNormalised() throws IOException {
    HierarchicalSoftmaxHead hs = new HierarchicalSoftmaxHead(new double[] {30, 10}, 1);
    // one inner node; x's factor is sigmoid(+z) or sigmoid(-z): make it sigmoid(2)
    float z = hs.pathRight(0)[0] ? 2 : -2;
    TextModel m = model(hs, new float[] {z});
    TextTemperature.Fit fit = TextTemperature.fit(m, threeToOne(), 1);
    assertThat(fit.temperature()).isCloseTo(2 / Math.log(3), within(1e-6));
    double[] p = m.withTemperature(fit.temperature()).predictProba("w");
    assertThat(p[0]).isCloseTo(0.75, within(1e-6));
    assertThat(p[0] + p[1]).isCloseTo(1, within(1e-12));
  }

  @Test
  void calibratedModelsSurviveASaveAndLoad() throws IOException {
    TextModel m = model(new FullSoftmaxHead(2, 1), new float[] {2, -2}).withTemperature(3.25);
    Path file = dir.resolve("m.softclass");
    m.save(file);
    TextModel back = TextModel.load(file);
    assertThat(back.temperature()).isEqualTo(3.25);
    assertThat(back.isCalibrated()).isTrue();
    assertThat(back.predictProba("w")).containsExactly(m.predictProba("w"));
    assertThat(back.predict("w", 1, 0).probabilities()[0]).isEqualTo(m.predictProba("w")[0]);

    TextModel plain = model(new FullSoftmaxHead(2, 1), new float[] {2, -2});
    plain.save(file);
    assertThat(TextModel.load(file).isCalibrated()).isFalse();
    assertThat(TextModel.load(file).predictProba("w")[0]).isCloseTo(sigmoid(4), within(1e-12));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
