package dev.softclass.text;

import static dev.softclass.io.ArchiveRewriter.copyWithModelJson;
import static dev.softclass.io.ArchiveRewriter.modelJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.LabelSets;
import dev.softclass.data.TextData;
import dev.softclass.eval.MultiLabelEvaluation;
import dev.softclass.guard.GuardRailException;
import dev.softclass.head.ClassSampler;
import dev.softclass.io.ArchiveRewriter.Seal;
import dev.softclass.io.ModelFileException;
import dev.softclass.io.TextModelFile;
import dev.softclass.preprocess.text.TextNormalization;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One-vs-all text models on multi-label lines ({@link MultiLabelTextFixture}). */
class TextMultiLabelTest {
  private static TextData train;
  private static TextData test;
  private static TextModel model;

  @TempDir Path dir;

  @BeforeAll
  static void trainOnce() {
    train = read(String.join("\n", MultiLabelTextFixture.lines(600, 1)), "train.txt");
    test = read(String.join("\n", MultiLabelTextFixture.lines(200, 2)), "test.txt");
    model = new TextTrainer(settings(LossType.OVA, 1, false)).fit(train);
  }

  private static TextData read(String text, String name) {
    return FastTextReader.read(new StringReader(text), name, true);
  }

  private static TextSettings settings(LossType loss, int threads, boolean hogwild) {
    return new TextSettings(
        16,
        10,
        0.5,
        1,
        0,
        0,
        20_000,
        1,
        loss,
        3,
        ClassSampler.Kind.UNIGRAM,
        false,
        false,
        TextNormalization.NFC,
        threads,
        hogwild,
        7);
  }

  @Test
  void oneVsAllLearnsTheLabelSets() {
    assertThat(model.isMultiLabel()).isTrue();
    assertThat(model.task()).isEqualTo("multilabel");
    assertThat(model.labelDecision()).contains(LabelDecision.DEFAULT);
    TextMultiLabelEvaluation e = TextMultiLabelEvaluation.of(model, test, 2);
    // Baseline: every line gets the label most frequent in training, the best constant single
    // label.
    int[] counts = train.labels().labelCounts();
    int most = 0;
    for (int c = 1; c < counts.length; c++) {
      most = counts[c] > counts[most] ? c : most;
    }
    int mostInTest = test.encoder().indexOf(train.encoder().name(most));
    int[][] constant = new int[test.size()][];
    double[][] flat = new double[test.size()][train.encoder().size()];
    Arrays.fill(constant, new int[] {mostInTest});
    double baseline =
        MultiLabelEvaluation.of(flat, constant, test.labels(), test.encoder().classes(), null)
            .microF1();
    assertThat(baseline).isBetween(0.2, 0.5);
    assertThat(e.labels().microF1()).isGreaterThan(0.9).isGreaterThan(baseline + 0.4);
    assertThat(e.labels().subsetAccuracy()).isGreaterThan(0.7);
    assertThat(e.labels().hammingLoss()).isLessThan(0.05);
    // Every line has 1 to 3 labels: P@2 and R@2 can both be high, but not 1.
    assertThat(e.precisionAtK()).isGreaterThan(0.75);
    assertThat(e.recallAtK()).isGreaterThan(0.75);
    assertThat(e.labelLogLoss()).isLessThan(0.2).isGreaterThan(0);
    assertThat(e.unseenLabels()).isZero();
    Map<String, Object> json = e.toMap();
    assertThat(json)
        .containsKeys(
            "task",
            "subset_accuracy",
            "hamming_loss",
            "micro_f1",
            "macro_f1",
            "label_log_loss",
            "precision_at_k",
            "recall_at_k",
            "per_label");
    assertThat(json.get("precision_at_k")).isEqualTo(Map.of("2", e.precisionAtK()));
  }

  @Test
  void theDecisionChoosesEveryLabelAtLeastTheThreshold() {
    String text = "coach vote the stadium senate of";
    double[] p = model.predictProba(text);
    int[] chosen = model.decideLabels(p);
    for (int c = 0; c < p.length; c++) {
      assertThat(Arrays.binarySearch(chosen, c) >= 0).isEqualTo(p[c] >= 0.5);
    }
    assertThat(Arrays.stream(chosen).mapToObj(model.classes()::get))
        .containsExactly("politics", "sports");
    int[] lower =
        model.withLabelDecision(new LabelDecision(0.0, null, 3, false, "0")).decideLabels(p);
    assertThat(lower).hasSize(3);
  }

  @Test
  void precisionAndRecallAtKCountByHand() {
    // One line, labels {a, b}; a model that ranks its labels: check P@1 = hits / 1, R@1 = hits / 2.
    TextData one = read("__label__sports __label__music goal guitar the", "one.txt");
    TextMultiLabelEvaluation e = TextMultiLabelEvaluation.of(model, one, 1);
    int top = argmax(model.predictProba("goal guitar the"));
    boolean hit = Arrays.asList("sports", "music").contains(model.classes().get(top));
    assertThat(e.precisionAtK()).isEqualTo(hit ? 1.0 : 0.0);
    assertThat(e.recallAtK()).isEqualTo(hit ? 0.5 : 0.0);
    TextMultiLabelEvaluation all = TextMultiLabelEvaluation.of(model, one, 6);
    assertThat(all.precisionAtK()).isEqualTo(2.0 / 6);
    assertThat(all.recallAtK()).isEqualTo(1.0);
  }

  @Test
  void aTestLabelTheModelDoesNotKnowIsAMissInRecall() {
    TextData unseen = read("__label__sports __label__weather goal match the", "u.txt");
    TextMultiLabelEvaluation e = TextMultiLabelEvaluation.of(model, unseen, 6);
    assertThat(e.unseenLabels()).isEqualTo(1);
    assertThat(e.recallAtK()).isEqualTo(0.5);
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      best = p[c] > p[best] ? c : best;
    }
    return best;
  }

  @Test
  void saveAndLoadKeepTheScoresAndTheDecision() {
    TextModel custom =
        model.withLabelDecision(
            new LabelDecision(0.4, new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.2}, 2, true, "f1"));
    Path file = dir.resolve("ml.softclass");
    custom.save(file);
    TextModel back = TextModel.load(file);
    assertThat(back.isMultiLabel()).isTrue();
    assertThat(back.labelDecision()).isEqualTo(custom.labelDecision());
    for (int i = 0; i < 20; i++) {
      String text = test.texts().get(i);
      assertThat(back.predictProba(text)).containsExactly(custom.predictProba(text));
      assertThat(back.decideLabels(back.predictProba(text)))
          .containsExactly(custom.decideLabels(custom.predictProba(text)));
    }
    Map<String, Object> described = TextModelDescription.describe(new java.util.HashMap<>(), back);
    assertThat(described).containsKey("label_decision");
  }

  @Test
  void aMultiLabelModelIsWrittenAsTheMultiLabelFormatVersion() throws Exception {
    Path file = dir.resolve("ml.softclass");
    model.save(file);
    ObjectNode json = modelJson(file);
    assertThat(json.path("format_version").asInt()).isEqualTo(TextModelFile.MULTI_LABEL_VERSION);
    assertThat(json.path("task").asText()).isEqualTo("multilabel");
    assertThat(json.path("label_decision").path("threshold").asDouble()).isEqualTo(0.5);
    assertThat(json.path("label_decision").path("top_k").asInt()).isZero();
    // A version 6 file without its label decision is refused, naming what is missing.
    Path broken = dir.resolve("broken.softclass");
    json.remove("label_decision");
    copyWithModelJson(file, broken, json, Seal.NONE);
    assertThatThrownBy(() -> TextModel.load(broken))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("needs a 'label_decision'");
  }

  @Test
  void singleLabelDataWithOneVsAllStaysASingleLabelModel() throws Exception {
    TextData single =
        read(
            String.join(
                "\n",
                MultiLabelTextFixture.lines(200, 3).stream()
                    .map(l -> l.replaceAll("^(__label__\\S+ )(__label__\\S+ )+", "$1"))
                    .toList()),
            "single.txt");
    assertThat(single.labels().isSingleLabel()).isTrue();
    TextModel m = new TextTrainer(settings(LossType.OVA, 1, false)).fit(single);
    assertThat(m.isMultiLabel()).isFalse();
    assertThat(m.probabilityKind()).isEqualTo("sigmoid");
    Path file = dir.resolve("single.softclass");
    m.save(file);
    ObjectNode json = modelJson(file);
    assertThat(json.path("format_version").asInt()).isEqualTo(TextModelFile.VERSION);
    assertThat(json.path("task").asText()).isEqualTo("multiclass");
    assertThat(json.has("label_decision")).isFalse();
    assertThat(TextModel.load(file).isMultiLabel()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = LossType.class,
      names = {"SOFTMAX", "SAMPLED", "NS", "HS"})
  void otherHeadsRefuseMultiLabelDataAndNameOva(LossType loss) {
    assertThatThrownBy(() -> new TextTrainer(settings(loss, 1, false)).fit(train))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining(
            "train.txt is multi-label data (line 2 has the labels [food, music, travel]), but"
                + " --loss "
                + loss.id()
                + " learns one label per line")
        .hasMessageContaining("Use --loss ova");
  }

  @Test
  void multiLabelTrainingIsTheSameForAnyThreadCount() {
    TextModel two = new TextTrainer(settings(LossType.OVA, 2, false)).fit(train);
    assertThat(two.output()).containsExactly(model.output());
    assertThat(two.body().embeddings()).containsExactly(model.body().embeddings());
  }

  @Test
  void hogwildTrainsMultiLabelDataToo() {
    TextModel h = new TextTrainer(settings(LossType.OVA, 2, true)).fit(train);
    assertThat(h.isMultiLabel()).isTrue();
    assertThat(TextMultiLabelEvaluation.of(h, test, 1).labels().microF1()).isGreaterThan(0.85);
  }

  @Test
  void labelSetsOfTheTrainingDataAreWhatTheReaderRead() {
    LabelSets sets = train.labels();
    assertThat(sets.isSingleLabel()).isFalse();
    assertThat(sets.numLabels()).isEqualTo(MultiLabelTextFixture.TOPICS.length);
  }
}
