package dev.softclass.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.LabelSets;
import dev.softclass.data.TextData;
import dev.softclass.head.ClassSampler;
import dev.softclass.io.TextModelFile;
import dev.softclass.preprocess.text.TextNormalization;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text model files: format 4 (the whole embedding matrix, frozen in test resources with the program
 * that made it) still loads with its predictions; format 5 stores only the rows training changed
 * and gives the same model.
 */
class TextModelFormatTest {
  private static TextData train;
  private static List<String> heldOut;
  private static Path v4;

  @TempDir Path dir;

  @BeforeAll
  static void readData() throws IOException, URISyntaxException {
    TextData all;
    try (Reader r =
        new InputStreamReader(
            TextModelFormatTest.class.getResourceAsStream(
                "/datasets/udhr_langid/udhr_8langs.ft.txt"),
            StandardCharsets.UTF_8)) {
      all = FastTextReader.read(r, "udhr_8langs.ft.txt", true);
    }
    // As MakeTextV4Model.java.txt: every fifth line held out.
    List<Integer> rows = new ArrayList<>();
    heldOut = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i % 5 == 0) {
        heldOut.add(all.texts().get(i));
      } else {
        rows.add(i);
      }
    }
    int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
    LabelSets labels = all.labels().subset(idx);
    train =
        new TextData(
            all.source(),
            rows.stream().map(all.texts()::get).toList(),
            Arrays.stream(idx).map(i -> all.lines()[i]).toArray(),
            all.encoder(),
            labels);
    v4 = Path.of(TextModelFormatTest.class.getResource("/models/text-udhr8-v4.softclass").toURI());
  }

  /** The settings of the frozen model. */
  private static TextSettings frozenSettings(int threads) {
    return new TextSettings(
        8,
        3,
        0.5,
        2,
        0,
        0,
        4000,
        1,
        LossType.SOFTMAX,
        3,
        ClassSampler.Kind.UNIGRAM,
        false,
        false,
        TextNormalization.NFC,
        threads,
        false,
        7);
  }

  @Test
  void aVersion4ModelStillLoadsWithItsPredictions() throws IOException {
    TextModel old = TextModel.load(v4);
    List<String> expected;
    try (InputStream in = getClass().getResourceAsStream("/models/text-udhr8-v4.expected.txt")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }

    assertThat(expected).hasSize(heldOut.size());
    assertThat(old.body().hasInitialRows()).isFalse();
    // Written before text.normalization existed: read as the NFC it was trained with.
    assertThat(old.features().tokenizer().normalization())
        .isEqualTo(dev.softclass.preprocess.text.TextNormalization.NFC);
    for (int i = 0; i < heldOut.size(); i++) {
      double[] p = old.predictProba(heldOut.get(i));
      double[] want =
          Arrays.stream(expected.get(i).split(" ")).mapToDouble(Double::parseDouble).toArray();
      // Written on an AVX-512 machine; other kernels may round the last bits differently.
      for (int c = 0; c < want.length; c++) {
        assertThat(p[c]).isCloseTo(want[c], within(1e-12));
      }
    }
  }

  @Test
  void trainingTodayGivesTheVersion4ModelBitForBitAndStoresOnlyTheRowsItChanged()
      throws IOException {
    TextModel old = TextModel.load(v4);
    for (int threads : new int[] {1, 2}) {
      TextModel now = new TextTrainer(frozenSettings(threads)).fit(train);

      assertThat(now.body().embeddings()).isEqualTo(old.body().embeddings());
      assertThat(now.output()).isEqualTo(old.output());
    }
    TextModel now = new TextTrainer(frozenSettings(2)).fit(train);
    Path file = dir.resolve("v5.softclass");
    now.save(file);
    TextModel back = TextModel.load(file);

    // Most of the 4,000 buckets are touched: the whole matrix is the smaller layout here.
    assertThat(modelJson(file).path("format_version").asInt()).isEqualTo(TextModelFile.VERSION);
    assertThat(back.body().embeddings()).isEqualTo(old.body().embeddings());
    for (String text : heldOut) {
      assertThat(back.predictProba(text)).isEqualTo(old.predictProba(text));
    }
  }

  @Test
  void withManyBucketsOnlyTheTouchedRowsAreStoredAndTheOthersRegenerated() throws IOException {
    TextSettings s = frozenSettings(1);
    TextSettings manyBuckets =
        new TextSettings(
            s.dim(),
            s.epochs(),
            s.lr(),
            s.wordNgrams(),
            s.minn(),
            s.maxn(),
            100_000,
            s.minCount(),
            s.loss(),
            s.neg(),
            s.sampler(),
            s.nsSoftmax(),
            s.lowercase(),
            TextNormalization.NFC,
            s.threads(),
            s.hogwild(),
            s.seed());
    TextModel m = new TextTrainer(manyBuckets).fit(train);
    Path file = dir.resolve("sparse.softclass");
    m.save(file);
    TextModel back = TextModel.load(file);

    JsonNode body = modelJson(file).path("body");
    int stored = body.path("initial_rows").path("stored").asInt();
    int rows = body.path("rows").asInt();
    assertThat(stored).isPositive().isLessThan(rows / 4);
    assertThat(stored).isEqualTo(m.info().training().get("embedding_rows_trained"));
    assertThat(Files.size(file)).isLessThan((long) rows * s.dim() * 4 / 2);
    assertThat(back.body().hasInitialRows()).isTrue();
    assertThat(back.body().embeddings()).isEqualTo(m.body().embeddings());
    float[] whole = m.body().embeddings();
    float[] initial =
        dev.softclass.body.EmbeddingBagBody.random(rows, s.dim(), s.seed()).embeddings();
    java.util.Set<Integer> trained = new java.util.HashSet<>();
    Arrays.stream(m.body().storedRows()).forEach(trained::add);
    for (int r = 0; r < rows; r += 97) {
      float[] row = Arrays.copyOfRange(whole, r * s.dim(), (r + 1) * s.dim());
      float[] init = Arrays.copyOfRange(initial, r * s.dim(), (r + 1) * s.dim());
      if (trained.contains(r)) {
        assertThat(row).as("row %d", r).isNotEqualTo(init);
      } else {
        assertThat(row).as("row %d", r).isEqualTo(init);
      }
    }
    // Held-out lines hit n-gram buckets no training line touched: their rows are regenerated.
    for (String text : heldOut) {
      assertThat(back.predictProba(text)).isEqualTo(m.predictProba(text));
    }
  }

  @Test
  void aResavedVersion4ModelKeepsItsWholeMatrix() {
    TextModel old = TextModel.load(v4);
    Path file = dir.resolve("resaved.softclass");
    old.save(file);
    TextModel back = TextModel.load(file);

    assertThat(back.body().hasInitialRows()).isFalse();
    assertThat(back.body().embeddings()).isEqualTo(old.body().embeddings());
    assertThat(back.predictProba(heldOut.get(0))).isEqualTo(old.predictProba(heldOut.get(0)));
  }

  private static JsonNode modelJson(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("model.json"))) {
      return new ObjectMapper().readTree(in);
    }
  }
}
