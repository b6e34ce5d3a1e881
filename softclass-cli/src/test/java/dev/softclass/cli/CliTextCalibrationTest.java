package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code softclass calibrate} on text models, and the calibrated model in eval and predict. */
class CliTextCalibrationTest {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The tiny language set; {@code shift} varies which words each line takes. */
  private Path languages(String name, int shift, int lines) throws IOException {
    return TextFixtures.languages(dir.resolve(name), lines, 3, 5, shift, true);
  }

  private Path train(Path data, String... headOptions) {
    Path model = dir.resolve("m" + headOptions.length + headOptions[1] + ".softclass");
    List<String> args = new ArrayList<>(List.of("--dim", "8", "--epochs", "15", "--lr", "0.5"));
    args.addAll(List.of(headOptions));
    return TextFixtures.trainTextModel(data, model, args.toArray(String[]::new));
  }

  /**
   * {@code softclass calibrate} of {@code model} on {@code data} into {@code out}, with {@code
   * options}.
   */
  private static CliRunner.Result calibrate(Path model, Path data, Path out, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "calibrate",
                "--model",
                model.toString(),
                "--data",
                data.toString(),
                "--output",
                out.toString()));
    args.addAll(List.of(options));
    return CliRunner.run(args.toArray(String[]::new));
  }

  /** {@code softclass eval --json} of {@code model} on {@code data}. */
  private static JsonNode evalJson(Path model, Path data) throws IOException {
    return JSON.readTree(
        CliRunner.run("eval", "--model", model.toString(), "--data", data.toString(), "--json")
            .out());
  }

  @Test
  void calibrateATextModelAndUseItInEvalAndPredict() throws IOException {
    Path model = train(languages("train.ft.txt", 0, 40), "--loss", "sampled", "--neg", "1");
    Path heldOut = languages("valid.ft.txt", 2, 20);
    Path calibrated = dir.resolve("calibrated.softclass");
    CliRunner.Result cal = calibrate(model, heldOut, calibrated, "--json");
    assertThat(cal.exitCode()).as(cal.err()).isZero();
    JsonNode c = JSON.readTree(cal.out());
    assertThat(c.get("method").asText()).isEqualTo("temperature");
    double t = c.get("parameters").get("temperature").asDouble();
    assertThat(t).isPositive().isNotEqualTo(1.0);
    assertThat(c.get("rows").asInt()).isEqualTo(60);
    assertThat(c.get("probabilities").asText()).isEqualTo("softmax");
    assertThat(c.get("log_loss_after").asDouble())
        .isLessThanOrEqualTo(c.get("log_loss_before").asDouble());
    assertThat(c.get("accuracy_after").asDouble()).isEqualTo(c.get("accuracy_before").asDouble());

    JsonNode before = evalJson(model, heldOut);
    JsonNode after = evalJson(calibrated, heldOut);
    assertThat(before.has("temperature")).isFalse();
    assertThat(after.get("temperature").asDouble()).isEqualTo(t);

    CliRunner.Result inspect = CliRunner.ok("inspect", "--model", calibrated.toString(), "--json");
    JsonNode info = JSON.readTree(inspect.out());
    assertThat(info.get("kind").asText()).isEqualTo("text");
    assertThat(info.get("head").asText()).isEqualTo("sampled");
    assertThat(info.get("num_classes").asInt()).isEqualTo(info.get("classes").size());
    assertThat(info.get("calibration").get("temperature").asDouble()).isEqualTo(t);
    assertThat(info.get("text_features").get("vocabulary").asInt()).isPositive();
    JsonNode plainInfo =
        JSON.readTree(CliRunner.run("inspect", "--model", model.toString(), "--json").out());
    assertThat(plainInfo.get("calibration").isNull()).isTrue();
    assertThat(CliRunner.run("inspect", "--model", calibrated.toString()).out())
        .contains("(text)")
        .contains("temperature T = " + t);
    assertThat(before.get("log_loss").asDouble())
        .isCloseTo(c.get("log_loss_before").asDouble(), within(1e-12));
    assertThat(after.get("log_loss").asDouble())
        .isCloseTo(c.get("log_loss_after").asDouble(), within(1e-12));

    Path raw = dir.resolve("raw.txt");
    Files.writeString(raw, "the human rights of everyone\n");
    CliRunner.Result top =
        CliRunner.ok(
            "predict", "--model", calibrated.toString(), "--data", raw.toString(), "--k", "3");
    String[] fields = top.out().trim().split(" ");
    assertThat(fields).hasSize(6);
    assertThat(fields[0]).isEqualTo("__label__en");
    double sum = 0;
    for (int i = 1; i < fields.length; i += 2) {
      sum += Double.parseDouble(fields[i]);
    }
    assertThat(sum).isCloseTo(1, within(1e-4));

    Path removed = dir.resolve("removed.softclass");
    CliRunner.Result none = calibrate(calibrated, heldOut, removed, "--method", "none");
    assertThat(none.exitCode()).as(none.err()).isZero();
    JsonNode plain = evalJson(removed, heldOut);
    assertThat(plain.has("temperature")).isFalse();
    assertThat(plain.get("log_loss").asDouble()).isEqualTo(before.get("log_loss").asDouble());
  }

  @Test
  void temperatureBiasCalibratesNsSoftmaxAndRefusesSigmoidScores() throws IOException {
    Path model =
        train(languages("train.ft.txt", 0, 40), "--loss", "ns", "--neg", "1", "--ns-softmax");
    Path heldOut = languages("valid.ft.txt", 2, 20);
    Path calibrated = dir.resolve("tb.softclass");
    CliRunner.Result cal =
        calibrate(model, heldOut, calibrated, "--method", "temperature-bias", "--json");
    assertThat(cal.exitCode()).as(cal.err()).isZero();
    JsonNode c = JSON.readTree(cal.out());
    assertThat(c.get("method").asText()).isEqualTo("temperature-bias");
    assertThat(c.get("parameters").get("temperature").asDouble()).isPositive();
    assertThat(c.get("parameters").get("l2").asDouble()).isPositive();
    assertThat(c.get("log_loss_after").asDouble())
        .isLessThanOrEqualTo(c.get("log_loss_before").asDouble());
    JsonNode after = evalJson(calibrated, heldOut);
    assertThat(after.get("class_bias").asBoolean()).isTrue();
    assertThat(after.get("log_loss").asDouble())
        .isCloseTo(c.get("log_loss_after").asDouble(), within(1e-12));

    Path sigmoid = train(languages("train2.ft.txt", 0, 40), "--loss", "ns", "--neg", "1");
    CliRunner.Result refused =
        calibrate(
            sigmoid, heldOut, dir.resolve("refused.softclass"), "--method", "temperature-bias");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("--ns-softmax").doesNotContain("Exception");
  }

  @Test
  void sigmoidScoresAreCalibratedAsNormalisedAndWrongMethodsAreClearErrors() throws IOException {
    Path model = train(languages("train.ft.txt", 0, 40), "--loss", "ns", "--neg", "1");
    Path heldOut = languages("valid.ft.txt", 2, 20);
    CliRunner.Result cal = calibrate(model, heldOut, dir.resolve("ns-cal.softclass"), "--json");
    assertThat(cal.exitCode()).as(cal.err()).isZero();
    JsonNode c = JSON.readTree(cal.out());
    assertThat(c.get("probabilities").asText()).isEqualTo("normalised sigmoid");
    assertThat(c.get("log_loss_after").asDouble())
        .isLessThanOrEqualTo(c.get("log_loss_before").asDouble());

    CliRunner.Result isotonic =
        calibrate(model, heldOut, dir.resolve("x.softclass"), "--method", "isotonic");
    assertThat(isotonic.exitCode()).isEqualTo(1);
    assertThat(isotonic.err())
        .contains("temperature, temperature-bias or none")
        .doesNotContain("Exception");

    CliRunner.Result cv = calibrate(model, heldOut, dir.resolve("y.softclass"), "--cv", "3");
    assertThat(cv.exitCode()).isEqualTo(1);
    assertThat(cv.err()).contains("--cv", "held-out text").doesNotContain("Exception");
  }
}
