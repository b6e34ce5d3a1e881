package dev.softclass.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.data.LabelSets;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every multi-label metric against scikit-learn 1.2.1: one-vs-rest logistic regression
 * probabilities on yeast, and the same rounded to 1 decimal (ties) with empty true sets, a label on
 * no row and empty decisions. Fixture: {@code reference/sklearn_multilabel.json}, made by {@code
 * reference/make_multilabel_reference.py}.
 */
class MultiLabelEvaluationReferenceTest {
  private static final double TOL = 1e-12;

  static Stream<JsonNode> cases() throws IOException {
    try (InputStream in =
        MultiLabelEvaluationReferenceTest.class.getResourceAsStream(
            "/reference/sklearn_multilabel.json")) {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("cases").forEach(out::add);
      return out.stream();
    }
  }

  static MultiLabelEvaluation evaluate(JsonNode c) {
    List<String> labels = new ArrayList<>();
    c.get("labels").forEach(n -> labels.add(n.asText()));
    double[][] probs = new double[c.get("probs").size()][];
    for (int r = 0; r < probs.length; r++) {
      JsonNode row = c.get("probs").get(r);
      probs[r] = new double[row.size()];
      for (int k = 0; k < row.size(); k++) {
        probs[r][k] = row.get(k).asDouble();
      }
    }
    return MultiLabelEvaluation.of(
        probs,
        sets(c.get("chosen")),
        LabelSets.of(sets(c.get("truth")), labels.size()),
        labels,
        null);
  }

  private static int[][] sets(JsonNode node) {
    int[][] out = new int[node.size()][];
    for (int r = 0; r < out.length; r++) {
      JsonNode row = node.get(r);
      out[r] = new int[row.size()];
      for (int j = 0; j < row.size(); j++) {
        out[r][j] = row.get(j).asInt();
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void summaryMetricsMatchScikitLearn(JsonNode c) {
    MultiLabelEvaluation e = evaluate(c);
    JsonNode s = c.get("sklearn");
    String name = c.get("name").asText();
    assertThat(e.subsetAccuracy())
        .as(name)
        .isCloseTo(s.get("subset_accuracy").asDouble(), within(TOL));
    assertThat(e.hammingLoss()).as(name).isCloseTo(s.get("hamming_loss").asDouble(), within(TOL));
    assertThat(e.microF1()).as(name).isCloseTo(s.get("micro_f1").asDouble(), within(TOL));
    assertThat(e.macroF1()).as(name).isCloseTo(s.get("macro_f1").asDouble(), within(TOL));
    assertThat(e.samplesF1()).as(name).isCloseTo(s.get("samples_f1").asDouble(), within(TOL));
    assertThat(e.weightedF1()).as(name).isCloseTo(s.get("weighted_f1").asDouble(), within(TOL));
    assertThat(e.lrap()).as(name).isCloseTo(s.get("lrap").asDouble(), within(TOL));
    assertThat(e.coverageError())
        .as(name)
        .isCloseTo(s.get("coverage_error").asDouble(), within(TOL));
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void perLabelMetricsMatchScikitLearn(JsonNode c) {
    MultiLabelEvaluation e = evaluate(c);
    JsonNode expected = c.get("sklearn").get("per_label");
    for (int k = 0; k < expected.size(); k++) {
      LabelMetrics m = e.perLabel().get(k);
      JsonNode x = expected.get(k);
      String what = c.get("name").asText() + " " + m.name();
      assertThat(m.precision()).as(what).isCloseTo(x.get("precision").asDouble(), within(TOL));
      assertThat(m.recall()).as(what).isCloseTo(x.get("recall").asDouble(), within(TOL));
      assertThat(m.f1()).as(what).isCloseTo(x.get("f1").asDouble(), within(TOL));
      assertThat(m.support()).as(what).isEqualTo(x.get("support").asInt());
      assertThat(m.calibrationError())
          .as(what)
          .isCloseTo(x.get("calibration_error").asDouble(), within(TOL));
      if (x.get("roc_auc").isNull()) {
        assertThat(m.rocAuc()).as(what).isNaN();
      } else {
        assertThat(m.rocAuc()).as(what).isCloseTo(x.get("roc_auc").asDouble(), within(TOL));
      }
      if (x.get("average_precision").isNull()) {
        assertThat(m.averagePrecision()).as(what).isNaN();
      } else {
        assertThat(m.averagePrecision())
            .as(what)
            .isCloseTo(x.get("average_precision").asDouble(), within(TOL));
      }
    }
  }
}
