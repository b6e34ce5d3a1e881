package dev.softclass.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenTableTest {
  @Test
  void givesEachDistinctTokenOneIdInOrderOfFirstAppearance() {
    // grown from the default size, sized for the tokens, and sized too small so it still grows
    for (TokenTable table :
        new TokenTable[] {new TokenTable(), new TokenTable(60_000), new TokenTable(5_000)}) {
      givesEachDistinctTokenOneIdInOrderOfFirstAppearance(table);
    }
  }

  private static void givesEachDistinctTokenOneIdInOrderOfFirstAppearance(TokenTable table) {
    Random random = new Random(11);
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      // Short tokens from a small alphabet repeat often; "Aa" and "BB" share String.hashCode.
      String token =
          random.nextInt(50) == 0
              ? (random.nextBoolean() ? "Aa" : "BB")
              : Integer.toString(random.nextInt(60_000), 7);
      String line = "x " + token + " y";
      int id = table.id(line, 2, 2 + token.length());
      Integer before = expected.putIfAbsent(token, expected.size());
      assertThat(id).isEqualTo(before == null ? expected.size() - 1 : before);
    }
    assertThat(table.size()).isEqualTo(expected.size());
    expected.forEach(
        (token, id) -> {
          assertThat(table.word(id)).isEqualTo(token);
          assertThat(table.find(token)).isEqualTo(id);
          assertThat(table.id(token)).isEqualTo(id);
        });
    assertThat(table.find("absent")).isEqualTo(-1);
  }

  @Test
  void aWholeStringAndTheSameCharactersInsideALineAreOneToken() {
    TokenTable table = new TokenTable();
    int eos = table.id("</s>");
    assertThat(table.id("a </s> b", 2, 6)).isEqualTo(eos);
    assertThat(table.id("é", 0, 1)).isEqualTo(1);
    assertThat(table.id("e\u0301", 0, 2)).isEqualTo(2); // other characters, other token
  }
}
