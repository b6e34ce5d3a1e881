package dev.softclass.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.body.LinearBody;
import dev.softclass.calibrate.IsotonicCalibration;
import dev.softclass.calibrate.PlattScaling;
import dev.softclass.calibrate.TemperatureScaling;
import dev.softclass.data.Dataset;
import dev.softclass.head.HeadType;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.onnx.convert.ColumnEncoderConverter;
import dev.softclass.onnx.convert.FeatureTransformConverter;
import dev.softclass.onnx.convert.LinearBodyConverter;
import dev.softclass.onnx.convert.SigmoidHeadConverter;
import dev.softclass.onnx.convert.SoftmaxHeadConverter;
import dev.softclass.onnx.proto.Onnx.ModelProto;
import dev.softclass.preprocess.ColumnEncoder;
import dev.softclass.preprocess.FeatureTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter's errors, its file writing, and what the graph holds. */
class OnnxExporterTest {
  @TempDir Path dir;

  /** Two well separated classes in two features: a small binary model. */
  private static Model binaryModel(HeadType head) {
    double[][] x = {{0, 0}, {0.2, 0.1}, {0.1, 0.3}, {2, 2}, {2.2, 1.9}, {1.8, 2.3}};
    String[] y = {"no", "no", "no", "yes", "yes", "yes"};
    return Classifier.logistic().head(head).l2(1e-1).fit(Dataset.of(x, y));
  }

  @Test
  void aBodyWithoutConverterIsNamedInTheError() {
    OnnxExporter noBodies =
        OnnxExporter.empty()
            .withTransform(ColumnEncoder.class, new ColumnEncoderConverter())
            .withTransform(FeatureTransform.class, new FeatureTransformConverter())
            .withHead(SigmoidHead.class, new SigmoidHeadConverter());
    assertThatThrownBy(() -> noBodies.convert(binaryModel(HeadType.SIGMOID)))
        .isInstanceOf(UnsupportedModelException.class)
        .isInstanceOf(SoftclassException.class)
        .hasMessageStartingWith("body 'linear' (LinearBody) cannot be exported to ONNX yet");
  }

  @Test
  void aHeadOrCalibrationWithoutConverterIsNamedInTheError() {
    OnnxExporter sigmoidOnly =
        OnnxExporter.empty()
            .withTransform(ColumnEncoder.class, new ColumnEncoderConverter())
            .withTransform(FeatureTransform.class, new FeatureTransformConverter())
            .withBody(LinearBody.class, new LinearBodyConverter())
            .withHead(SigmoidHead.class, new SigmoidHeadConverter());
    assertThatThrownBy(() -> sigmoidOnly.convert(binaryModel(HeadType.SOFTMAX)))
        .hasMessage(
            "head 'softmax' (SoftmaxHead) cannot be exported to ONNX yet; exportable head kinds:"
                + " SigmoidHead");
    Model calibrated = binaryModel(HeadType.SIGMOID).withCalibrator(new PlattScaling(1, 0));
    assertThatThrownBy(() -> sigmoidOnly.convert(calibrated))
        .hasMessageStartingWith("calibration 'platt' (PlattScaling) cannot be exported");
    assertThat(sigmoidOnly.withHead(SoftmaxHead.class, new SoftmaxHeadConverter()))
        .isNotSameAs(sigmoidOnly);
  }

  @Test
  void theStandardExporterHandlesEveryShippedKind() {
    OnnxExporter standard = OnnxExporter.standard();
    for (HeadType head : new HeadType[] {HeadType.SIGMOID, HeadType.SOFTMAX}) {
      Model m = binaryModel(head);
      assertThat(standard.convert(m).getGraph().getOutputCount()).isEqualTo(2);
      assertThat(standard.convert(m.withCalibrator(new TemperatureScaling(2))).getGraph())
          .isNotNull();
      assertThat(standard.convert(m.withCalibrator(new PlattScaling(1.5, -0.5)))).isNotNull();
      IsotonicCalibration iso =
          new IsotonicCalibration(
              java.util.List.of(
                  new dev.softclass.calibrate.IsotonicRegression(
                      new double[] {-1, 1}, new double[] {0.1, 0.9})));
      assertThat(standard.convert(m.withCalibrator(iso))).isNotNull();
    }
  }

  @Test
  void categoricalColumnsTakeASecondStringInput() {
    String csv =
        "label,colour,size\nno,red,1\nno,red,1.2\nno,blue,0.8\nyes,green,3\nyes,green,2.9\nyes,blue,3.2\n";
    Dataset data =
        dev.softclass.data.DataReaders.read(
                new java.io.StringReader(csv),
                "colours.csv",
                dev.softclass.data.DataFormat.CSV,
                "label",
                true)
            .toDataset();
    Model model = Classifier.logistic().fit(data);
    assertThat(model.columns().isIdentity()).isFalse();
    ModelProto proto = OnnxExporter.standard().convert(model);
    assertThat(proto.getGraph().getInputList())
        .extracting(i -> i.getName())
        .containsExactly(OnnxExporter.INPUT, OnnxExporter.CATEGORIES);
    assertThat(proto.getGraph().getNodeList())
        .anySatisfy(
            n -> {
              assertThat(n.getOpType()).isEqualTo("LabelEncoder");
              assertThat(n.getDomain()).isEqualTo("ai.onnx.ml");
            });
    assertThat(proto.getDocString()).contains("the categories of columns colour");
  }

  @Test
  void theFileIsWrittenAtomicallyAndReadsBack() throws Exception {
    Model m = binaryModel(HeadType.SIGMOID);
    Path file = dir.resolve("m.onnx");
    OnnxExporter.standard().export(m, file);
    ModelProto back = ModelProto.parseFrom(Files.readAllBytes(file));
    assertThat(back).isEqualTo(OnnxExporter.standard().convert(m));
    assertThat(back.getGraph().getInput(0).getName()).isEqualTo("features");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void anUnwritableTargetIsAClearError() throws Exception {
    Path blocker = dir.resolve("not-a-folder");
    Files.writeString(blocker, "x");
    assertThatThrownBy(
            () ->
                OnnxExporter.standard()
                    .export(binaryModel(HeadType.SIGMOID), blocker.resolve("m.onnx")))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("cannot write the ONNX model to");
  }

  @Test
  void theSameModelGivesTheSameBytes() {
    Model m = binaryModel(HeadType.SOFTMAX);
    assertThat(OnnxExporter.standard().convert(m).toByteArray())
        .isEqualTo(OnnxExporter.standard().convert(m).toByteArray());
  }
}
