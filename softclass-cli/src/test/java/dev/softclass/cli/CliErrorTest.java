package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user mistake ends with exit code 1 and a message saying what is wrong and where, never a
 * stack trace.
 */
class CliErrorTest {
  @TempDir Path dir;
  private Path good;
  private Path model;

  @BeforeEach
  void trainAGoodModel() throws IOException {
    good = write("good.csv", "label,a,b\nx,1,2\ny,3,1\nx,1.5,2.5\ny,2.8,0.5\nx,0.5,2\ny,3.5,1.2\n");
    model = dir.resolve("good.softclass");
    CliRunner.ok("train", "--data", good.toString(), "--model", model.toString());
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static CliRunner.Result userError(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertThat(r.exitCode())
        .as("exit code of %s; stderr: %s", Arrays.toString(args), r.err())
        .isEqualTo(1);
    assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ", "Exception");
    return r;
  }

  private CliRunner.Result train(Path data, String... extra) {
    String[] base = {
      "train", "--data", data.toString(), "--model", dir.resolve("m.softclass").toString()
    };
    String[] args = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return userError(args);
  }

  @Test
  void textInAColumnTheModelTreatsAsNumeric() throws IOException {
    // a column with a string is categorical in training; at prediction it must match the model
    Path good = write("good.csv", "label,a,b\nx,1,2\ny,3,1\nx,2,2\ny,4,1\n");
    Path model = dir.resolve("num.softclass");
    CliRunner.ok("train", "--data", good.toString(), "--model", model.toString());
    Path bad = write("bad.csv", "label,a,b\nx,1,2\ny,oops,1\n");
    CliRunner.Result r =
        userError("predict", "--model", model.toString(), "--data", bad.toString());
    assertThat(r.err()).contains("bad.csv", "line 3", "column 'a'", "'oops'", "numeric");
  }

  @Test
  void nanAndInfinityInData() throws IOException {
    Path nan = write("nan.csv", "label,a,b\nx,1,2\ny,3,NaN\n");
    assertThat(train(nan).err()).contains("nan.csv", "line 3", "column 'b'", "finite");
    Path inf = write("inf.libsvm", "0 1:1 2:inf\n1 1:2\n");
    assertThat(train(inf).err()).contains("inf.libsvm", "line 1", "field 3", "finite");
  }

  @Test
  void wrongFieldCount() throws IOException {
    Path bad = write("short.csv", "label,a,b\nx,1,2\ny,3\n");
    assertThat(train(bad).err()).contains("short.csv", "line 3", "expected 3 fields");
  }

  @Test
  void missingLabelColumn() throws IOException {
    Path bad = write("nolabel.csv", "class,a\nx,1\ny,2\n");
    assertThat(train(bad).err()).contains("no column named 'label'", "--label");
  }

  @Test
  void unsortedLibsvmIndices() throws IOException {
    Path bad = write("bad.libsvm", "0 1:1 3:2\n1 3:1 2:4\n");
    assertThat(train(bad).err()).contains("bad.libsvm", "line 2", "field 3", "increase");
  }

  @Test
  void missingDataFile() {
    assertThat(train(dir.resolve("absent.csv")).err()).contains("not found", "absent.csv");
  }

  @Test
  void formatThatCannotBeDetected() throws IOException {
    Path bad = write("data.txt", "label,a\nx,1\n");
    assertThat(train(bad).err()).contains("--format");
  }

  @Test
  void softmaxOverOneOutput() {
    assertThat(train(good, "--head", "softmax", "--outputs", "1").err())
        .contains("always outputs 1.0", "sigmoid");
  }

  @Test
  void sigmoidOnThreeClasses() throws IOException {
    Path three = write("three.csv", "label,a\nx,1\ny,2\nz,3\nx,1.1\n");
    assertThat(train(three, "--head", "sigmoid").err())
        .contains("two classes", "'z'", "line 4", "--head softmax");
  }

  @Test
  void softmaxWithTooFewOutputs() throws IOException {
    Path three = write("three.csv", "label,a\nx,1\ny,2\nz,3\nx,1.1\n");
    assertThat(train(three, "--head", "softmax", "--outputs", "2").err())
        .contains("2 outputs", "'z'", "line 4");
  }

  @Test
  void singleClass() throws IOException {
    Path one = write("one.csv", "label,a\nx,1\nx,2\n");
    assertThat(train(one).err()).contains("only one class", "'x'");
  }

  @Test
  void badOptionValues() {
    assertThat(train(good, "--l2", "abc").err()).contains("--l2");
    assertThat(train(good, "--l2", "-1").err()).contains("--l2");
    assertThat(train(good, "--head", "tanh").err()).contains("unknown head 'tanh'");
    assertThat(train(good, "--optimizer", "rmsprop").err()).contains("lbfgs, sgd, adam or adamw");
    assertThat(train(good, "--nonsense").err()).contains("--nonsense");
    assertThat(userError("frobnicate").err()).contains("frobnicate");
  }

  @Test
  void corruptModelFile() throws IOException {
    Path junk = write("junk.softclass", "this is not a model");
    assertThat(userError("inspect", "--model", junk.toString()).err())
        .contains("junk.softclass", "not a Softclass model file");
  }

  @Test
  void truncatedModelFile() throws IOException {
    byte[] bytes = Files.readAllBytes(model);
    Path cut = dir.resolve("cut.softclass");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(userError("eval", "--model", cut.toString(), "--data", good.toString()).err())
        .contains("cut.softclass", "truncated or corrupt");
  }

  @Test
  void missingModelFile() {
    assertThat(
            userError(
                    "predict",
                    "--model",
                    dir.resolve("none.softclass").toString(),
                    "--data",
                    good.toString())
                .err())
        .contains("no such model file");
  }

  @Test
  void evalOnAClassTheModelNeverSaw() throws IOException {
    Path other = write("other.csv", "label,a,b\nx,1,2\nw,3,1\n");
    assertThat(userError("eval", "--model", model.toString(), "--data", other.toString()).err())
        .contains("other.csv", "line 3", "'w'", "not one of the model's classes");
  }

  @Test
  void predictOnDataWithOtherColumns() throws IOException {
    Path other = write("cols.csv", "label,a,c,d\nx,1,2,3\n");
    assertThat(userError("predict", "--model", model.toString(), "--data", other.toString()).err())
        .contains("expects 2 features", "[b]");
  }

  @Test
  void outputPathUnderAFile() {
    assertThat(
            userError(
                    "predict",
                    "--model",
                    model.toString(),
                    "--data",
                    good.toString(),
                    "--output",
                    good.resolve("p.csv").toString())
                .err())
        .contains("cannot write", "p.csv");
  }
}
