package dev.softclass.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.data.LabelEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImbalanceCheckTest {
  private static final LabelEncoder CLASSES = LabelEncoder.ofClasses(List.of("a", "b", "c"));

  @Test
  void warnsWhenTheRarestClassIsUnderFivePercent() {
    String w = ImbalanceCheck.warning(new int[] {500, 480, 20}, CLASSES);

    assertThat(w).contains("'c'").contains("20 of the 1000").contains("2.0 %");
    assertThat(w).contains("--class-weight balanced").contains("--resample");
  }

  @Test
  void silentAtFivePercentOrForEmptyClasses() {
    assertThat(ImbalanceCheck.warning(new int[] {500, 450, 50}, CLASSES)).isEmpty();
    assertThat(ImbalanceCheck.warning(new int[] {500, 0, 500}, CLASSES)).isEmpty();
  }
}
