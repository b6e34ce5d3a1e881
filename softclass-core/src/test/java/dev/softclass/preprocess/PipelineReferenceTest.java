package dev.softclass.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pipeline (column encoder, imputation, scaling) against scikit-learn on a small table with
 * numbers, strings, missing cells, an outlier and a constant column, for every imputation and
 * scaling; made by {@code src/test/resources/reference/make_pipeline_reference.py}.
 */
class PipelineReferenceTest {
  private static JsonNode root;

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in =
        PipelineReferenceTest.class.getResourceAsStream("/reference/sklearn_pipeline.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    root.path("cases")
        .forEach(
            c -> out.add(Arguments.of(c.path("impute").asText(), c.path("scale").asText(), c)));
    return out.stream();
  }

  private static Dataset read(String csv, String name) {
    return DataReaders.read(new StringReader(csv), name, DataFormat.CSV, "label", true).toDataset();
  }

  @ParameterizedTest(name = "impute {0}, scale {1}")
  @MethodSource("cases")
  void matchesScikitLearn(String impute, String scale, JsonNode expected) {
    Dataset train = read(root.path("train_csv").asText(), "train.csv");
    Dataset test = read(root.path("test_csv").asText(), "test.csv");
    Imputation imputation = Imputation.of(ImputeStrategy.parse(impute));
    PreprocessSettings settings = new PreprocessSettings(List.of(), imputation, true, true);

    ColumnEncoder encoder = ColumnEncoderFitter.fit(train, settings, w -> {});
    DenseMatrix raw = encoder.apply(train);
    FeatureTransform transform =
        FeatureTransform.fit(raw, ScaleMode.parse(scale), imputation, encoder.zeroOneOutputs());

    List<String> names = new ArrayList<>(List.of("height", "height_missing", "colour=blue"));
    names.addAll(List.of("colour=green", "colour=red"));
    if (imputation.strategy() == ImputeStrategy.CONSTANT) {
      names.add(4, "colour=missing_value"); // the fill is a category of its own, sorted in
    }
    names.addAll(List.of("colour_missing", "weight", "weight_missing"));
    assertThat(encoder.outputNames()).containsExactlyElementsOf(names);
    assertClose(transform.apply(raw), expected.path("train"));
    assertClose(transform.apply(encoder.apply(test)), expected.path("test"));
  }

  private static void assertClose(FeatureMatrix actual, JsonNode expected) {
    assertThat(actual.rows()).isEqualTo(expected.size());
    for (int r = 0; r < expected.size(); r++) {
      float[] row = actual.denseRow(r);
      assertThat(row).hasSize(expected.get(r).size());
      for (int c = 0; c < row.length; c++) {
        double e = expected.get(r).get(c).asDouble();
        assertThat((double) row[c])
            .as("row %d column %d", r, c)
            .isCloseTo(e, within(2e-6 * Math.max(1, Math.abs(e)))); // float32 values
      }
    }
  }
}
