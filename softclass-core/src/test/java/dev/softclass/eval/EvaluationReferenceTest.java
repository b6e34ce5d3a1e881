package dev.softclass.eval;

import static dev.softclass.JsonArrays.doubles;
import static dev.softclass.JsonArrays.ints;
import static dev.softclass.JsonArrays.matrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metric against scikit-learn 1.2.1 on real predictions: a softmax model on digits (10
 * classes), a logistic regression on spambase, and the same spambase probabilities rounded to 2
 * decimals (many ties). Fixtures: {@code reference/sklearn_metrics.json}, made by {@code
 * reference/make_metrics_reference.py}.
 */
class EvaluationReferenceTest {
  private static final double TOL = 1e-12;

  static Stream<JsonNode> cases() throws IOException {
    try (InputStream in =
        EvaluationReferenceTest.class.getResourceAsStream("/reference/sklearn_metrics.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<JsonNode> out = new ArrayList<>();
      root.get("cases").forEach(out::add);
      return out.stream();
    }
  }

  private static Evaluation evaluate(JsonNode c) {
    double[][] probs = matrix(c.get("probs"));
    int[] truth = ints(c.get("truth"));
    List<String> classes = new ArrayList<>();
    c.get("classes").forEach(n -> classes.add(n.asText()));
    return Evaluation.of(probs, truth, classes);
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void scalarMetricsMatchScikitLearn(JsonNode c) {
    Evaluation e = evaluate(c);
    JsonNode s = c.get("sklearn");
    String name = c.get("name").asText();

    assertThat(e.accuracy()).as(name).isCloseTo(s.get("accuracy").asDouble(), within(TOL));
    assertThat(e.balancedAccuracy())
        .as(name)
        .isCloseTo(s.get("balanced_accuracy").asDouble(), within(TOL));
    assertThat(e.macroF1()).as(name).isCloseTo(s.get("macro_f1").asDouble(), within(TOL));
    assertThat(e.microF1()).as(name).isCloseTo(s.get("micro_f1").asDouble(), within(TOL));
    assertThat(e.weightedF1()).as(name).isCloseTo(s.get("weighted_f1").asDouble(), within(TOL));
    assertThat(e.logLoss()).as(name).isCloseTo(s.get("log_loss").asDouble(), within(TOL));
    assertThat(e.brier()).as(name).isCloseTo(s.get("brier").asDouble(), within(TOL));
    assertThat(e.rocAuc()).as(name).isCloseTo(s.get("roc_auc").asDouble(), within(TOL));
    assertThat(e.rocAucWeighted())
        .as(name)
        .isCloseTo(s.get("roc_auc_weighted").asDouble(), within(TOL));
    assertThat(e.averagePrecision())
        .as(name)
        .isCloseTo(s.get("average_precision").asDouble(), within(TOL));
    assertThat(e.averagePrecisionWeighted())
        .as(name)
        .isCloseTo(s.get("average_precision_weighted").asDouble(), within(TOL));
    s.get("top_k_accuracy")
        .fields()
        .forEachRemaining(
            f ->
                assertThat(e.topKAccuracy(Integer.parseInt(f.getKey())))
                    .as(name + " top-" + f.getKey())
                    .isCloseTo(f.getValue().asDouble(), within(TOL)));
    int[][] confusion = e.confusion();
    for (int r = 0; r < confusion.length; r++) {
      assertThat(confusion[r]).as(name).containsExactly(ints(s.get("confusion").get(r)));
    }
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void perClassMetricsMatchScikitLearn(JsonNode c) {
    Evaluation e = evaluate(c);
    JsonNode s = c.get("sklearn");
    for (int k = 0; k < e.perClass().size(); k++) {
      ClassMetrics m = e.perClass().get(k);
      String what = c.get("name").asText() + " class " + m.name();
      assertThat(m.precision())
          .as(what)
          .isCloseTo(s.get("precision").get(k).asDouble(), within(TOL));
      assertThat(m.recall()).as(what).isCloseTo(s.get("recall").get(k).asDouble(), within(TOL));
      assertThat(m.f1()).as(what).isCloseTo(s.get("f1").get(k).asDouble(), within(TOL));
      assertThat(m.support()).as(what).isEqualTo(s.get("support").get(k).asInt());
      assertThat(m.rocAuc())
          .as(what)
          .isCloseTo(s.get("per_class_roc_auc").get(k).asDouble(), within(TOL));
      assertThat(m.averagePrecision())
          .as(what)
          .isCloseTo(s.get("per_class_average_precision").get(k).asDouble(), within(TOL));
    }
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void reliabilityMatchesCalibrationCurve(JsonNode c) {
    Evaluation e = evaluate(c);
    JsonNode rel = c.get("sklearn").get("reliability");
    for (BinStrategy strategy : BinStrategy.values()) {
      JsonNode expected = rel.get(strategy.id());
      ReliabilityDiagram d = e.reliability(strategy);
      String what = c.get("name").asText() + " " + strategy.id();
      assertThat(d.edges()).as(what).containsExactly(doubles(expected.get("edges")), within(TOL));
      assertThat(d.bins()).as(what).hasSize(expected.get("accuracy").size());
      for (int b = 0; b < d.bins().size(); b++) {
        assertThat(d.bins().get(b).accuracy())
            .as(what)
            .isCloseTo(expected.get("accuracy").get(b).asDouble(), within(TOL));
        assertThat(d.bins().get(b).confidence())
            .as(what)
            .isCloseTo(expected.get("confidence").get(b).asDouble(), within(TOL));
      }
      assertThat(d.ece()).as(what).isCloseTo(expected.get("ece").asDouble(), within(TOL));
      assertThat(d.mce()).as(what).isCloseTo(expected.get("mce").asDouble(), within(TOL));
    }
    assertThat(e.ece()).isEqualTo(e.reliability(BinStrategy.EQUAL_WIDTH).ece());
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void binaryCurvesMatchRocCurveAndPrecisionRecallCurve(JsonNode c) {
    JsonNode s = c.get("sklearn");
    if (!s.has("roc_curve")) {
      return; // multi-class: the curves are checked through per-class AUC and AP
    }
    BinaryCurve curve = evaluate(c).curve(1);
    double[][] roc = curve.roc();
    assertThat(roc[0]).containsExactly(doubles(s.at("/roc_curve/fpr")), within(TOL));
    assertThat(roc[1]).containsExactly(doubles(s.at("/roc_curve/tpr")), within(TOL));
    assertThat(curve.thresholds())
        .containsExactly(doubles(s.at("/roc_curve/thresholds")), within(0.0));
    double[][] pr = curve.precisionRecall();
    assertThat(pr[0]).containsExactly(doubles(s.at("/pr_curve/precision")), within(TOL));
    assertThat(pr[1]).containsExactly(doubles(s.at("/pr_curve/recall")), within(TOL));
  }
}
