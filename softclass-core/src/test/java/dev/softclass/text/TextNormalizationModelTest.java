package dev.softclass.text;

import static dev.softclass.io.ArchiveRewriter.copyWithModelJson;
import static dev.softclass.io.ArchiveRewriter.modelJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.head.ClassSampler;
import dev.softclass.io.ArchiveRewriter.Seal;
import dev.softclass.io.ModelFileException;
import dev.softclass.io.TextModelFile;
import dev.softclass.preprocess.text.TextNormalization;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tokenizer's Unicode normalisation in text models: training uses it, the model file keeps it,
 * and files written before it existed read as NFC.
 */
class TextNormalizationModelTest {
  /** Accented words, composed; their decomposed spellings are the other class. */
  private static final String[] WORDS = {
    "caf\u00e9", "r\u00e9sum\u00e9", "na\u00efve", "\u00e9t\u00e9", "fa\u00e7ade", "se\u00f1or"
  };

  /** The example lines: two spellings of the same words, the label saying which. */
  private static final TextData DATA = data();

  @TempDir Path dir;

  private static TextData data() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      StringBuilder composed = new StringBuilder("__label__composed");
      StringBuilder decomposed = new StringBuilder("__label__decomposed");
      for (int j = 0; j < 3; j++) {
        String w = WORDS[(i + 2 * j) % WORDS.length];
        composed.append(' ').append(w);
        decomposed.append(' ').append(decompose(w));
      }
      lines.add(composed.toString());
      lines.add(decomposed.toString());
    }
    return FastTextReader.read(new StringReader(String.join("\n", lines)), "spellings.txt", true);
  }

  private static String decompose(String s) {
    return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD);
  }

  private static TextModel train(TextNormalization normalization) {
    return new TextTrainer(settings(normalization, LossType.SOFTMAX, 10)).fit(DATA);
  }

  private static TextSettings settings(TextNormalization normalization, LossType loss, int epochs) {
    return new TextSettings(
        8,
        epochs,
        0.5,
        1,
        0,
        0,
        0,
        1,
        loss,
        5,
        ClassSampler.Kind.UNIGRAM,
        false,
        false,
        normalization,
        1,
        false,
        3);
  }

  @Test
  void withoutNormalisationTheSpellingIsASignalAndWithNfcItIsGone() {
    TextModel none = train(TextNormalization.NONE);
    TextModel nfc = train(TextNormalization.NFC);
    String composed = "caf\u00e9 na\u00efve";
    String decomposed = decompose(composed);

    assertThat(none.classes().get(argMax(none.predictProba(composed)))).isEqualTo("composed");
    assertThat(none.classes().get(argMax(none.predictProba(decomposed)))).isEqualTo("decomposed");
    assertThat(nfc.predictProba(decomposed)).containsExactly(nfc.predictProba(composed));
    assertThat(none.info().training()).containsEntry("normalization", "none");
  }

  @ParameterizedTest
  @EnumSource(TextNormalization.class)
  void theModelFileKeepsTheNormalisation(TextNormalization normalization) throws Exception {
    TextModel m = train(normalization);
    Path file = dir.resolve(normalization.id() + ".softclass");
    m.save(file);
    TextModel back = TextModel.load(file);

    assertThat(modelJson(file).path("text").path("normalization").asText())
        .isEqualTo(normalization.id());
    // Readers from before the field would tokenise with NFC: only NFC models keep version 5.
    assertThat(modelJson(file).path("format_version").asInt())
        .isEqualTo(
            normalization == TextNormalization.NFC
                ? TextModelFile.VERSION
                : TextModelFile.NORMALIZATION_VERSION);
    assertThat(back.features().tokenizer().normalization()).isEqualTo(normalization);
    for (String text : List.of("caf\u00e9 \u00e9t\u00e9", "cafe\u0301 \uff21\uff22\uff23")) {
      assertThat(back.predictProba(text)).containsExactly(m.predictProba(text));
      assertThat(back.features().features(text)).containsExactly(m.features().features(text));
    }
    Map<String, Object> described = TextModelDescription.describe(new HashMap<>(), back);
    assertThat(described.get("text_features"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("normalization", normalization.id());
  }

  @Test
  void aMultiLabelModelWithoutNfcIsVersion7WithItsLabelDecision() throws Exception {
    TextData multi =
        FastTextReader.read(
            new StringReader(String.join("\n", MultiLabelTextFixture.lines(200, 1))),
            "ml.txt",
            true);
    TextModel m = new TextTrainer(settings(TextNormalization.NONE, LossType.OVA, 5)).fit(multi);
    Path file = dir.resolve("ml-none.softclass");
    m.save(file);
    TextModel back = TextModel.load(file);

    assertThat(modelJson(file).path("format_version").asInt())
        .isEqualTo(TextModelFile.NORMALIZATION_VERSION);
    assertThat(back.isMultiLabel()).isTrue();
    assertThat(back.labelDecision()).isEqualTo(m.labelDecision());
    assertThat(back.features().tokenizer().normalization()).isEqualTo(TextNormalization.NONE);
    String text = multi.texts().get(0);
    assertThat(back.predictProba(text)).containsExactly(m.predictProba(text));
  }

  @Test
  void aVersion5FileWithoutNfcStillLoads() throws Exception {
    // Written so before version 7 existed.
    TextModel none = train(TextNormalization.NONE);
    Path file = dir.resolve("none.softclass");
    none.save(file);
    ObjectNode json = modelJson(file);
    json.put("format_version", TextModelFile.VERSION);
    Path v5 = dir.resolve("none-v5.softclass");
    copyWithModelJson(file, v5, json, Seal.NONE);

    TextModel back = TextModel.load(v5);

    assertThat(back.features().tokenizer().normalization()).isEqualTo(TextNormalization.NONE);
    String decomposed = decompose("caf\u00e9");
    assertThat(back.predictProba(decomposed)).containsExactly(none.predictProba(decomposed));
  }

  @Test
  void aModelFileWithoutTheFieldReadsAsNfc() throws Exception {
    TextModel m = train(TextNormalization.NFC);
    Path file = dir.resolve("nfc.softclass");
    m.save(file);
    ObjectNode json = modelJson(file);
    ((ObjectNode) json.get("text")).remove("normalization");
    Path old = dir.resolve("old.softclass");
    copyWithModelJson(file, old, json, Seal.NONE);

    TextModel back = TextModel.load(old);

    assertThat(back.features().tokenizer().normalization()).isEqualTo(TextNormalization.NFC);
    String decomposed = "cafe\u0301";
    assertThat(back.features().features(decomposed))
        .containsExactly(m.features().features("caf\u00e9"));
  }

  @Test
  void anUnknownNormalisationIsRefusedNamingTheFieldAndTheAcceptedValues() throws Exception {
    Path file = dir.resolve("nfc.softclass");
    train(TextNormalization.NFC).save(file);
    ObjectNode json = modelJson(file);
    ((ObjectNode) json.get("text")).put("normalization", "nfd");
    Path bad = dir.resolve("bad.softclass");
    copyWithModelJson(file, bad, json, Seal.NONE);

    assertThatThrownBy(() -> TextModel.load(bad))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("bad.softclass")
        .hasMessageContaining("'text.normalization' is \"nfd\"")
        .hasMessageContaining("expected \"nfc\", \"nfkc\" or \"none\"");
  }

  private static int argMax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      best = p[k] > p[best] ? k : best;
    }
    return best;
  }
}
