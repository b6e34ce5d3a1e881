package dev.softclass.server;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.head.ClassSampler;
import dev.softclass.preprocess.text.TextNormalization;
import dev.softclass.text.LossType;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextSettings;
import dev.softclass.text.TextTrainer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/** Small real models for the server tests, trained once per JVM. */
final class TestModels {
  /** The wine training data of the examples (13 named features, 3 classes). */
  static final Path WINE = Path.of("..", "examples", "wine", "train.csv");

  private static Model wine;
  private static Model wineStrong;
  private static Model manyClasses;
  private static TextModel languages;
  private static TextModel languagesShort;
  private static TextModel wordnet60;

  private TestModels() {}

  static synchronized Dataset wineData() {
    return DataReaders.read(WINE, null, "label", true).toDataset();
  }

  /** Multinomial logistic regression on wine. */
  static synchronized Model wine() {
    if (wine == null) {
      wine = Classifier.logistic().l2(1e-3).fit(wineData());
    }
    return wine;
  }

  /** The same features and classes, heavily regularised: other probabilities for the same rows. */
  static synchronized Model wineStrong() {
    if (wineStrong == null) {
      wineStrong = Classifier.logistic().l2(1.0).fit(wineData());
    }
    return wineStrong;
  }

  /** Two labels on 2 features ("hot" when x1 > 0, "wet" when x2 > 0), with a 0.4 threshold. */
  static synchronized Model multiLabel() {
    Random rnd = new Random(11);
    int n = 200;
    double[][] x = new double[n][2];
    String[][] y = new String[n][];
    for (int i = 0; i < n; i++) {
      x[i][0] = rnd.nextGaussian();
      x[i][1] = rnd.nextGaussian();
      java.util.List<String> set = new java.util.ArrayList<>();
      if (x[i][0] > 0) {
        set.add("hot");
      }
      if (x[i][1] > 0) {
        set.add("wet");
      }
      y[i] = set.toArray(new String[0]);
    }
    return Classifier.logistic()
        .fit(Dataset.ofLabelSets(x, y))
        .withLabelDecision(new dev.softclass.calibrate.LabelDecision(0.4, null, 0, false, "0.4"));
  }

  /** "yes" when x > 0 on one feature, deciding "yes" only at a probability of 0.9 or more. */
  static synchronized Model binaryStrictThreshold() {
    Random rnd = new Random(5);
    int n = 200;
    double[][] x = new double[n][1];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = rnd.nextGaussian();
      y[i] = x[i][0] + rnd.nextGaussian() * 0.5 > 0 ? "yes" : "no";
    }
    return Classifier.logistic()
        .fit(Dataset.of(x, y))
        .withThreshold(new dev.softclass.calibrate.Threshold(0.9, "0.9", Double.NaN, Double.NaN));
  }

  /** 60 classes on 4 features, for the top-k answers. */
  static synchronized Model manyClasses() {
    if (manyClasses == null) {
      Random rnd = new Random(7);
      int n = 240;
      double[][] x = new double[n][4];
      String[] y = new String[n];
      for (int i = 0; i < n; i++) {
        int c = i % 60;
        for (int j = 0; j < 4; j++) {
          x[i][j] = ((c >> j) & 1) * 3 + (c % 7) * 0.5 * j + rnd.nextGaussian() * 0.1;
        }
        y[i] = "class_" + c;
      }
      manyClasses = Classifier.logistic().l2(1e-2).fit(Dataset.of(x, y));
    }
    return manyClasses;
  }

  /** The first wine training row's raw features. */
  static float[] wineRow() {
    return wineData().features().denseRow(0);
  }

  /** A fastText-format file of the test resources ({@code text/README.md} says where from). */
  static TextData textData(String resource) {
    try (Reader r =
        new InputStreamReader(
            TestModels.class.getResourceAsStream("/text/" + resource), StandardCharsets.UTF_8)) {
      return FastTextReader.read(r, resource, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TextModel trainText(
      String resource, LossType loss, int epochs, int minn, int maxn) {
    return new TextTrainer(
            new TextSettings(
                16,
                epochs,
                1.0,
                1,
                minn,
                maxn,
                20_000,
                1,
                loss,
                5,
                ClassSampler.Kind.UNIGRAM,
                false,
                false,
                TextNormalization.NFC,
                1,
                false,
                3))
        .fit(textData(resource));
  }

  /** Language identification, 8 languages, softmax over words and character 2- to 4-grams. */
  static synchronized TextModel languages() {
    if (languages == null) {
      languages = trainText("languages.ft.txt", LossType.SOFTMAX, 50, 2, 4);
    }
    return languages;
  }

  /** The same classes after a single epoch on words only: other probabilities for the same text. */
  static synchronized TextModel languagesShort() {
    if (languagesShort == null) {
      languagesShort = trainText("languages.ft.txt", LossType.SOFTMAX, 1, 0, 0);
    }
    return languagesShort;
  }

  /** 60 WordNet hypernym classes with a hierarchical softmax, for the top-k answers. */
  static synchronized TextModel wordnet60() {
    if (wordnet60 == null) {
      wordnet60 = trainText("wordnet-60.ft.txt", LossType.HS, 5, 0, 0);
    }
    return wordnet60;
  }
}
