package dev.softclass.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.Predictor;
import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import dev.softclass.io.ModelFileException;
import dev.softclass.preprocess.ScaleMode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleTest {
  @TempDir Path dir;

  /** Three Gaussian classes in 4 features. */
  private static Dataset data(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][4];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      y[i] = "c" + c;
      for (int j = 0; j < 4; j++) {
        x[i][j] = r.nextGaussian() + (j == c ? 1.5 : 0);
      }
    }
    return Dataset.of(x, y);
  }

  private static List<Model> members(Dataset train) {
    return List.of(
        Classifier.logistic().l2(1e-4).threads(1).fit(train),
        Classifier.logistic().l2(1e-1).threads(1).fit(train),
        Classifier.logistic().l2(1e-2).scale(ScaleMode.NONE).threads(1).fit(train));
  }

  @Test
  void softVotingIsTheWeightedMeanOfTheMembersProbabilities() {
    Dataset train = data(150, 1);
    List<Model> m = members(train);
    Ensemble equal = Ensemble.softVoting(m, null);
    Ensemble weighted = Ensemble.softVoting(m, new double[] {2, 1, 1});
    Dataset test = data(30, 2);
    double[][] pe = equal.predictProba(test);
    double[][] pw = weighted.predictProba(test);
    double[][][] byMember = {
      m.get(0).predictProba(test), m.get(1).predictProba(test), m.get(2).predictProba(test)
    };
    for (int r = 0; r < 30; r++) {
      for (int c = 0; c < 3; c++) {
        double a = byMember[0][r][c];
        double b = byMember[1][r][c];
        double d = byMember[2][r][c];
        assertThat(pe[r][c]).isEqualTo((a + b + d) / 3);
        assertThat(pw[r][c]).isEqualTo((2 * a + b + d) / 4);
      }
      assertThat(pe[r][0] + pe[r][1] + pe[r][2]).isCloseTo(1.0, within(1e-12));
      assertThat(equal.decide(pe[r])).isEqualTo(Model.argmax(pe[r]));
    }
    // One dense row gives the same as the dataset path.
    float[] row = {0.5f, -1f, 2f, 0f};
    double[] one = equal.predictProba(row);
    for (int c = 0; c < 3; c++) {
      assertThat(one[c])
          .isEqualTo(
              (m.get(0).predictProba(row)[c]
                      + m.get(1).predictProba(row)[c]
                      + m.get(2).predictProba(row)[c])
                  / 3);
    }
  }

  @Test
  void saveAndLoadGiveTheSamePredictionsAndMembersAreOrdinaryModelFiles() throws Exception {
    Dataset train = data(150, 3);
    Ensemble e = Ensemble.softVoting(members(train), new double[] {1, 2, 3});
    Path file = dir.resolve("e.softclass");
    e.save(file);
    Predictor loaded = Predictor.load(file);
    assertThat(loaded).isInstanceOf(Ensemble.class);
    Dataset test = data(40, 4);
    assertThat(loaded.predictProba(test)).isDeepEqualTo(e.predictProba(test));
    assertThat(((Ensemble) loaded).weights()).containsExactly(1, 2, 3);
    assertThat(loaded.classes()).containsExactly("c0", "c1", "c2");
    // Same ensemble, same bytes.
    Path again = dir.resolve("again.softclass");
    loaded.save(again);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    // A nested member is a model file of its own.
    Path member = dir.resolve("m2.softclass");
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Files.write(member, zip.getInputStream(zip.getEntry("members/2.softclass")).readAllBytes());
    }
    assertThat(Model.load(member).predictProba(test))
        .isDeepEqualTo(e.members().get(1).predictProba(test));
    // A plain model file still loads as a model.
    Path single = dir.resolve("single.softclass");
    e.members().get(0).save(single);
    assertThat(Predictor.load(single)).isInstanceOf(Model.class);
  }

  @Test
  void stackingLearnsFromOutOfFoldProbabilitiesAndRoundTrips() {
    Dataset train = data(240, 5);
    List<Model> m = members(train);
    Ensemble s = Stacking.fit(m, train, 4, 7);
    assertThat(s.method()).isEqualTo("stacking");
    Model meta = s.meta().orElseThrow();
    assertThat(meta.numFeatures()).isEqualTo(9);
    assertThat(meta.featureNames()).startsWith("model1:p_c0", "model1:p_c1");
    Dataset test = data(300, 6);
    double[][] p = s.predictProba(test);
    for (double[] row : p) {
      assertThat(row[0] + row[1] + row[2]).isCloseTo(1.0, within(1e-9));
    }
    // The meta-model's input for a row is the members' probabilities.
    float[] row = {1f, 0f, -0.5f, 0.2f};
    double[][] byMember = {
      m.get(0).predictProba(row), m.get(1).predictProba(row), m.get(2).predictProba(row)
    };
    assertThat(s.predictProba(row))
        .containsExactly(meta.predictProba(Ensemble.metaFeatures(byMember)));
    // A reasonable combination: no worse than the weakest member.
    double worst =
        m.stream().mapToDouble(x -> Evaluation.of(x, test).logLoss()).max().orElseThrow();
    assertThat(Evaluation.of(s, test).logLoss()).isLessThan(worst);
    Path file = dir.resolve("s.softclass");
    s.save(file);
    assertThat(Predictor.load(file).predictProba(test)).isDeepEqualTo(p);
  }

  @Test
  void membersMustShareClassesAndFeatures() {
    Dataset train = data(90, 8);
    Model a = Classifier.logistic().threads(1).fit(train);
    Dataset twoClasses =
        Dataset.of(
            new double[][] {{0, 0, 0, 0}, {1, 1, 1, 1}, {0, 1, 0, 1}, {1, 0, 1, 0}},
            new String[] {"c0", "c1", "c0", "c1"});
    Model b = Classifier.logistic().threads(1).fit(twoClasses);
    assertThatThrownBy(() -> Ensemble.softVoting(List.of(a, b), null))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("same labels");
    assertThatThrownBy(() -> Ensemble.softVoting(List.of(a), null))
        .hasMessageContaining("at least two models");
    assertThatThrownBy(() -> Ensemble.softVoting(List.of(a, a), new double[] {1, 0}))
        .hasMessageContaining("> 0");
    assertThatThrownBy(() -> Ensemble.softVoting(List.of(a, a), new double[] {1}))
        .hasMessageContaining("1 weights given for 2 models");
  }

  @Test
  void aCorruptMemberIsNamed() throws Exception {
    Dataset train = data(90, 9);
    Path file = dir.resolve("e.softclass");
    Ensemble.softVoting(members(train), null).save(file);
    Path bad = dir.resolve("bad.softclass");
    try (ZipFile in = new ZipFile(file.toFile());
        OutputStream os = Files.newOutputStream(bad);
        ZipOutputStream out = new ZipOutputStream(os)) {
      var it = in.entries();
      while (it.hasMoreElements()) {
        ZipEntry e = it.nextElement();
        byte[] b = in.getInputStream(e).readAllBytes();
        if (e.getName().equals("members/2.softclass")) {
          b[b.length / 2] ^= 1;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(b);
        out.closeEntry();
      }
    }
    assertThatThrownBy(() -> Predictor.load(bad))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("members/2.softclass is corrupt");
  }
}
