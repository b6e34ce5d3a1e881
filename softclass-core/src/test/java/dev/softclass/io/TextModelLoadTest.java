package dev.softclass.io;

import static dev.softclass.io.ArchiveRewriter.copyWithModelJson;
import static dev.softclass.io.ArchiveRewriter.entries;
import static dev.softclass.io.ArchiveRewriter.modelJson;
import static dev.softclass.io.ArchiveRewriter.putModelJson;
import static dev.softclass.io.ArchiveRewriter.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.softclass.ModelInfo;
import dev.softclass.body.EmbeddingBagBody;
import dev.softclass.data.LabelEncoder;
import dev.softclass.head.FullSoftmaxHead;
import dev.softclass.io.ArchiveRewriter.Seal;
import dev.softclass.preprocess.text.TextFeatures;
import dev.softclass.preprocess.text.Tokenizer;
import dev.softclass.text.TextModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a text model file large enough that its integrity is checked on a second thread while the
 * model is built ({@link ArchiveChecks}): it loads as saved, and a damaged file is refused with the
 * message of the first check it fails, as when every check ran before the parsing.
 */
class TextModelLoadTest {
  private static final int WORDS = 3000;
  private static final int DIM = 100;

  @TempDir Path dir;
  private TextModel model;
  private Path file;

  @BeforeEach
  void save() throws IOException {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < WORDS - 1; i++) {
      words.add("w" + i);
    }
    words.add(TextFeatures.EOS);
    Random random = new Random(5);
    float[] output = new float[3 * DIM];
    for (int i = 0; i < output.length; i++) {
      output[i] = (float) random.nextGaussian();
    }
    model =
        new TextModel(
            LabelEncoder.ofClasses(List.of("a", "b", "c")),
            new TextFeatures(new Tokenizer(false), words, 0, 0, 0, 1),
            EmbeddingBagBody.random(WORDS, DIM, 11),
            new FullSoftmaxHead(3, DIM),
            output,
            new ModelInfo(Map.of(), Map.of(), Map.of()));
    file = dir.resolve("big.softclass");
    model.save(file);
    assertThat(Files.size(file)).isGreaterThan(ArchiveChecks.BACKGROUND_BYTES);
  }

  @Test
  void aLargeModelLoadsAsSaved() {
    TextModel back = TextModel.load(file);

    assertThat(back.features().words()).isEqualTo(model.features().words());
    assertThat(back.body().embeddings()).isEqualTo(model.body().embeddings());
    assertThat(back.output()).isEqualTo(model.output());
    for (String text : new String[] {"w1 w2 w3", "w2999 nowhere", "w17"}) {
      assertThat(back.predictProba(text)).isEqualTo(model.predictProba(text));
    }
  }

  @Test
  void aFlippedWeightByteBreaksTheSealFirst() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01; // inside weights.bin, stored uncompressed
    Files.write(file, bytes);

    assertThatThrownBy(() -> TextModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("big.softclass")
        .hasMessageContaining("do not match the SHA-256 sealed in its ZIP comment");
  }

  @Test
  void tamperedWeightsFailTheirChecksumEvenWhenTheContentIsAlsoWrong() throws IOException {
    Map<String, byte[]> entries = entries(file);
    ObjectNode json = modelJson(entries);
    ((ObjectNode) json.get("head")).put("type", "no-such-head");
    putModelJson(entries, json);
    entries.get("weights.bin")[100_000] ^= 0x10; // after its checksum was recorded
    write(file, entries, Seal.SEALED);

    assertThatThrownBy(() -> TextModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("weights.bin is corrupt: its SHA-256 is");
  }

  @Test
  void aContentErrorIsReportedWhenTheChecksPass() throws IOException {
    ObjectNode json = modelJson(file);
    ((ObjectNode) json.get("head")).put("type", "no-such-head");
    copyWithModelJson(file, file, json, Seal.SEALED);

    assertThatThrownBy(() -> TextModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("unknown text head type 'no-such-head'");
  }

  @Test
  void aVocabularyOfNonStringsIsRefused() throws IOException {
    ObjectNode json = modelJson(file);
    ((ArrayNode) json.get("text").get("vocabulary")).set(7, 7);
    copyWithModelJson(file, file, json, Seal.SEALED);

    assertThatThrownBy(() -> TextModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("big.softclass")
        .hasMessageContaining("'text.vocabulary' must be a list of words (strings), but item 7");
  }

  @Test
  void aMissingVocabularyIsNamed() throws IOException {
    ObjectNode json = modelJson(file);
    ((ObjectNode) json.get("text")).remove("vocabulary");
    copyWithModelJson(file, file, json, Seal.SEALED);

    assertThatThrownBy(() -> TextModel.load(file))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("model.json lacks the list 'vocabulary'");
  }
}
