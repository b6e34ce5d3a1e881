package dev.softclass.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * {@link VocabularyJson} gives the tree {@link ObjectMapper#readTree} gives, without the words of
 * {@code text.vocabulary}, and those words in order; anything but strings in the list is refused.
 */
class VocabularyJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The tree path: the whole tree, and the words as the tree lists them. */
  private record TreeRead(JsonNode withoutWords, List<String> words) {}

  private static TreeRead treeRead(byte[] json) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(json);
    List<String> words = new ArrayList<>();
    ((ObjectNode) root.get("text")).remove("vocabulary").forEach(w -> words.add(w.asText()));
    return new TreeRead(root, words);
  }

  private static byte[] bytes(String json) {
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSavedTextModelReadsAsTheTreeDoes() throws Exception {
    byte[] json;
    Path v4 = Path.of(getClass().getResource("/models/text-udhr8-v4.softclass").toURI());
    try (ZipFile zip = new ZipFile(v4.toFile());
        InputStream in = zip.getInputStream(zip.getEntry(ModelFile.MODEL_JSON))) {
      json = in.readAllBytes();
    }
    TreeRead tree = treeRead(json);
    VocabularyJson streamed = new VocabularyJson("v4.softclass");

    JsonNode root = streamed.read(json);

    assertThat(tree.words()).hasSizeGreaterThan(1000).contains("</s>");
    assertThat(streamed.vocabulary()).isEqualTo(tree.words());
    assertThat(root).isEqualTo(tree.withoutWords());
  }

  @Test
  void unicodeEscapesAndDuplicateFieldsAsInTheTree() throws IOException {
    byte[] json =
        bytes(
            "{'format': 'x', 'text': {'vocabulary': ['old'], 'minn': 1},"
                + " 'text': {'minn': 0, 'vocabulary': ['a', '\\u00e9t\\u00e9', '\\\"q\\\"', ''],"
                + " 'buckets': 5, 'vocabulary': ['zwölf', 'a b', '日本']}, 'format': 'y'}");
    TreeRead tree = treeRead(json);
    VocabularyJson streamed = new VocabularyJson("f");

    JsonNode root = streamed.read(json);

    assertThat(streamed.vocabulary()).containsExactly("zwölf", "a b", "日本");
    assertThat(streamed.vocabulary()).isEqualTo(tree.words());
    assertThat(root).isEqualTo(tree.withoutWords());
    assertThat(root.path("format").asText()).isEqualTo("y");
    assertThat(root.path("text").path("minn").asInt()).isZero();
  }

  @Test
  void escapedWordsAreDecoded() throws IOException {
    VocabularyJson streamed = new VocabularyJson("f");

    streamed.read(bytes("{'text': {'vocabulary': ['\\u00e9t\\u00e9', '\\\"q\\\"', '', '</s>']}}"));

    assertThat(streamed.vocabulary()).containsExactly("été", "\"q\"", "", "</s>");
  }

  @Test
  void aMissingOrNonListVocabularyIsNoneAndAnyOtherShapeIsLeftToTheCaller() throws IOException {
    VocabularyJson streamed = new VocabularyJson("f");

    JsonNode root = streamed.read(bytes("{'text': {'vocabulary': 'abc'}}"));
    assertThat(streamed.vocabulary()).isNull();
    assertThat(root.path("text").path("vocabulary").asText()).isEqualTo("abc");

    streamed.read(bytes("{'text': {'vocabulary': ['a']}, 'text': [1, 2]}"));
    assertThat(streamed.vocabulary()).isNull();

    streamed.read(bytes("{'text': {'vocabulary': ['a'], 'vocabulary': null}}"));
    assertThat(streamed.vocabulary()).isNull();

    assertThat(streamed.read(bytes("[1, 2]"))).isEqualTo(JSON.readTree("[1, 2]"));
    assertThat(streamed.vocabulary()).isNull();
  }

  @Test
  void anythingButAStringInTheVocabularyIsRefusedNamingTheItem() {
    String[] items = {"3", "1.5", "true", "null", "{'w': 1}", "['w']"};
    String[] kinds = {"a number", "a number", "a boolean", "null", "an object", "a list"};
    for (int i = 0; i < items.length; i++) {
      byte[] json = bytes("{'text': {'vocabulary': ['a', 'b', " + items[i] + ", 'c']}}");

      assertThatThrownBy(() -> new VocabularyJson("bad.softclass").read(json))
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining("bad.softclass")
          .hasMessageContaining("'text.vocabulary' must be a list of words (strings)")
          .hasMessageContaining("item 2 is " + kinds[i]);
    }
  }

  @Test
  void invalidJsonIsAnIoError() {
    for (String bad :
        new String[] {
          "{'text': {'vocabulary': ['a', 'b'", "{'text': {'vocabulary': ['a' 'b']}}", "{'a': 1,,}"
        }) {
      assertThatThrownBy(() -> new VocabularyJson("f").read(bytes(bad)))
          .isInstanceOf(IOException.class);
    }
  }
}
