package dev.softclass.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.SoftclassException;
import dev.softclass.head.HeadType;
import dev.softclass.preprocess.ScaleMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {
  @Test
  void paramsRoundTripThroughFromParams() {
    TrainingSettings s =
        TrainingSettings.defaults().toBuilder()
            .head(HeadType.SOFTMAX)
            .l2(3e-5)
            .optimizer(OptimizerType.SGD)
            .epochs(7)
            .seed(-3)
            .threads(3)
            .scale(ScaleMode.parse("none"))
            .build();

    assertThat(TrainingSettings.fromParams(s.params())).isEqualTo(s);
  }

  @Test
  void missingSettingsKeepDefaultsAndWrongTypesAreUserErrors() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("l2", 0.5);

    assertThat(TrainingSettings.fromParams(p))
        .isEqualTo(TrainingSettings.defaults().toBuilder().l2(0.5).build());
    p.put("epochs", "many");
    assertThatThrownBy(() -> TrainingSettings.fromParams(p))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("malformed");
  }
}
