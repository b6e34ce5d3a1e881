package dev.softclass.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.LabelEncoder;
import dev.softclass.io.ModelFile;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The column pipeline on hand-computed tables, and inside a trained, saved and loaded model. */
class ColumnPipelineTest {
  @TempDir Path dir;

  private static Dataset csv(String text, boolean labelled) {
    Dataset d =
        DataReaders.read(new StringReader(text), "t.csv", DataFormat.CSV, "label", labelled)
            .toDataset(LabelEncoder.ofClasses(List.of("n", "y")));
    return d;
  }

  private static final String TRAIN =
      "label,size,colour,zip,const\n"
          + "y,1,red,10,5\n"
          + "n,3,blue,20,5\n"
          + "y,,red,10,5\n"
          + "n,5,,30,5\n";

  @Test
  void encodesByHand() {
    Dataset train = csv(TRAIN, true);
    PreprocessSettings s = new PreprocessSettings(List.of("zip"), Imputation.MEAN, true, true);

    ColumnEncoder e = ColumnEncoderFitter.fit(train, s, w -> {});

    assertThat(e.outputNames())
        .containsExactly(
            "size",
            "size_missing",
            "colour=blue",
            "colour=red",
            "colour_missing",
            "zip=10",
            "zip=20",
            "zip=30");
    DenseMatrix m = e.apply(train);
    // size stays raw (NaN until the transform fills it); colour's missing cell takes the most
    // frequent category, red; zip, named categorical, is one-hot by its numbers; const is dropped
    assertThat(m.denseRow(0)).containsExactly(1, 0, 0, 1, 0, 1, 0, 0);
    assertThat(m.denseRow(2)).containsExactly(Float.NaN, 1, 0, 1, 0, 1, 0, 0);
    assertThat(m.denseRow(3)).containsExactly(5, 0, 0, 1, 1, 0, 0, 1);
    assertThat(e.columns().get(3).kind()).isEqualTo(EncodedColumn.Kind.DROPPED);

    FeatureTransform t =
        FeatureTransform.fit(m, ScaleMode.STANDARD, Imputation.MEAN, e.zeroOneOutputs());
    // size: observed 1, 3, 5 -> mean 3, population std sqrt(8/3); the one-hot columns unscaled
    assertThat(t.center()[0]).isEqualTo(3f);
    assertThat(t.scale()[0]).isEqualTo((float) Math.sqrt(8.0 / 3));
    assertThat(t.fill()[0]).isEqualTo(3f);
    assertThat(t.scale()).startsWith((float) Math.sqrt(8.0 / 3), 1f, 1f, 1f, 1f, 1f, 1f, 1f);
    assertThat(t.center()).containsExactly(3f, 0f, 0f, 0f, 0f, 0f, 0f, 0f);

    // unknown category (green, zip 40): all zeros; "10.0" is the zip 10
    Dataset test = csv("size,colour,zip,const\n2,green,40,5\n,blue,10.0,6\n", false);
    DenseMatrix mt = e.apply(test);
    assertThat(mt.denseRow(0)).containsExactly(2, 0, 0, 0, 0, 0, 0, 0);
    assertThat(mt.denseRow(1)).containsExactly(Float.NaN, 1, 1, 0, 0, 1, 0, 0);
  }

  @Test
  void medianMostFrequentRobustAndMinMaxByHand() {
    DenseMatrix x =
        new DenseMatrix(new float[] {1, 10, 2, Float.NaN, 2, 30, 9, 40, Float.NaN, 20}, 5, 2);

    FeatureTransform median =
        FeatureTransform.fit(x, ScaleMode.ROBUST, Imputation.of(ImputeStrategy.MEDIAN), null);
    // column 0: 1, 2, 2, 9 -> median 2, q25 1.75, q75 3.75; column 1: 10, 20, 30, 40 -> 25, 17.5,
    // 32.5
    assertThat(median.fill()).containsExactly(2f, 25f);
    assertThat(median.center()).containsExactly(2f, 25f);
    assertThat(median.scale()).containsExactly(2f, 15f);

    FeatureTransform mode =
        FeatureTransform.fit(
            x, ScaleMode.MINMAX, Imputation.of(ImputeStrategy.MOST_FREQUENT), null);
    assertThat(mode.fill()).containsExactly(2f, 10f); // a tie (column 1) takes the smallest
    assertThat(mode.center()).containsExactly(1f, 10f);
    assertThat(mode.scale()).containsExactly(8f, 30f);

    FeatureTransform constant =
        FeatureTransform.fit(
            x, ScaleMode.NONE, new Imputation(ImputeStrategy.CONSTANT, -1, "x"), null);
    assertThat(constant.fill()).containsExactly(-1f, -1f);
  }

  @Test
  void allNumericDataKeepsTheIdentityEncoderAndTheOldFileFormat() {
    Dataset train = csv("label,a,b\ny,1,2\nn,3,\ny,2,1\nn,4,5\n", true);

    Model m = Classifier.logistic().fit(train);

    assertThat(m.columns().isIdentity()).isTrue();
    assertThat(ModelFile.versionFor(m)).isEqualTo(1);
  }

  @Test
  void csvWithStringsAndEmptyCellsTrainsSavesAndPredictsRawRows() {
    List<String> lines = new ArrayList<>(List.of("label,size,colour,zip,const"));
    String[] colours = {"red", "blue", "green", ""};
    for (int i = 0; i < 40; i++) {
      String size = i % 7 == 3 ? "" : Integer.toString(i % 10);
      String label = (i % 10 > 4) ^ (i % 4 == 1) ? "y" : "n";
      lines.add(label + "," + size + "," + colours[i % 4] + "," + (10 + i % 3) + ",5");
    }
    Dataset train = csv(String.join("\n", lines) + "\n", true);
    Model model =
        Classifier.logistic()
            .preprocessing(new PreprocessSettings(List.of("zip"), Imputation.MEAN, true, true))
            .fit(train);
    Path file = dir.resolve("m.softclass");
    model.save(file);
    Model loaded = Model.load(file);

    assertThat(ModelFile.versionFor(loaded)).isEqualTo(3);
    assertThat(loaded.featureNames()).containsExactly("size", "colour", "zip", "const");
    Dataset rows = csv("zip,colour,size,const\n11,red,3,5\n12,purple,,5\n,,,\n", false);
    double[][] before = model.predictProba(rows);
    double[][] after = loaded.predictProba(rows);
    assertThat(after).isDeepEqualTo(before);
    // the same rows one by one, as the server gives them: numbers, NaN for missing, strings
    assertThat(
            loaded.predictProbaRaw(
                new float[] {3, 0, 11, 5}, new String[] {null, "red", null, null}))
        .containsExactly(before[0]);
    assertThat(
            loaded.predictProbaRaw(
                new float[] {Float.NaN, 0, 12, 5}, new String[] {null, "purple", null, null}))
        .containsExactly(before[1]);
    assertThat(
            loaded.predictProbaRaw(new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN}, null))
        .containsExactly(before[2]);
  }

  @Test
  void aStringInANumericColumnAtPredictionNamesLineAndColumn() {
    Model model = Classifier.logistic().fit(csv(TRAIN, true));
    Dataset rows = csv("size,colour,zip,const\n1,red,10,5\nbig,red,10,5\n", false);

    assertThatThrownBy(() -> model.predictProba(rows))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("t.csv, line 3")
        .hasMessageContaining("column 'size'")
        .hasMessageContaining("'big'");
    assertThatThrownBy(
            () -> model.predictProbaRaw(new float[4], new String[] {"big", null, null, null}))
        .hasMessageContaining("'size' is numeric");
  }

  @Test
  void aColumnOfNumbersWithAFewStringsIsCategoricalWithAWarning() {
    StringBuilder text = new StringBuilder("label,x\n");
    for (int i = 0; i < 30; i++) {
      text.append(i % 2 == 0 ? "y" : "n").append(',').append(i == 17 ? "1O" : i).append('\n');
    }
    List<String> warnings = new ArrayList<>();

    ColumnEncoderFitter.fit(
        csv(text.toString(), true), PreprocessSettings.defaults(), warnings::add);

    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("'x'")
        .contains("'1O'")
        .contains("line 19");
  }

  @Test
  void unknownNamedCategoricalColumnIsAnError() {
    assertThatThrownBy(
            () ->
                ColumnEncoderFitter.fit(
                    csv(TRAIN, true),
                    new PreprocessSettings(List.of("colur"), Imputation.MEAN, false, false),
                    w -> {}))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("'colur'")
        .hasMessageContaining("size, colour, zip, const");
  }
}
