package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEncoderTest {
  @Test
  void numericNamesSortNumerically() {
    LabelEncoder e = LabelEncoder.fit(List.of("10", "2", "1", "2", "10", "-3"));

    assertThat(e.classes()).containsExactly("-3", "1", "2", "10");
    assertThat(e.size()).isEqualTo(4);
    assertThat(e.indexOf("10")).isEqualTo(3);
    assertThat(e.name(2)).isEqualTo("2");
  }

  @Test
  void decimalNamesSortByValue() {
    LabelEncoder e = LabelEncoder.fit(List.of("0.5", "-1", "1e1", "+1"));

    assertThat(e.classes()).containsExactly("-1", "0.5", "+1", "1e1");
  }

  @Test
  void numericallyEqualButDifferentlySpelledNamesStayDistinct() {
    LabelEncoder e = LabelEncoder.fit(List.of("1.0", "1", "2"));

    assertThat(e.classes()).containsExactly("1", "1.0", "2");
  }

  @Test
  void anyNonNumberMakesTheSortByString() {
    LabelEncoder e = LabelEncoder.fit(List.of("10", "2", "b", "A", "a"));

    assertThat(e.classes()).containsExactly("10", "2", "A", "a", "b");
  }

  @Test
  void indexOfUnknownNameIsMinusOne() {
    LabelEncoder e = LabelEncoder.fit(List.of("cat", "dog"));

    assertThat(e.indexOf("cat")).isZero();
    assertThat(e.indexOf("dog")).isEqualTo(1);
    assertThat(e.indexOf("bird")).isEqualTo(-1);
    assertThat(e.indexOf("Cat")).isEqualTo(-1);
  }

  @Test
  void ofClassesKeepsTheGivenOrder() {
    LabelEncoder e = LabelEncoder.ofClasses(List.of("z", "a", "m"));

    assertThat(e.classes()).containsExactly("z", "a", "m");
    assertThat(e.indexOf("a")).isEqualTo(1);
  }

  @Test
  void ofClassesRefusesDuplicates() {
    assertThatThrownBy(() -> LabelEncoder.ofClasses(List.of("a", "b", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate class name: a");
  }

  @Test
  void classListIsUnmodifiable() {
    LabelEncoder e = LabelEncoder.fit(List.of("a", "b"));

    assertThatThrownBy(() -> e.classes().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
