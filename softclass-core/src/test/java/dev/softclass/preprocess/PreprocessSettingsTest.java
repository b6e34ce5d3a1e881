package dev.softclass.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.balance.BalanceSettings;
import dev.softclass.balance.ResampleMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pipeline and imbalance settings survive the model file's training section. */
class PreprocessSettingsTest {
  @Test
  void paramsRoundTrip() {
    PreprocessSettings p =
        new PreprocessSettings(
            List.of("zip", "code"),
            new Imputation(ImputeStrategy.CONSTANT, -1.5, "unknown"),
            true,
            true);
    BalanceSettings b = new BalanceSettings("spam=3,ham=1", ResampleMethod.SMOTE, 3);

    assertThat(PreprocessSettings.fromParams(p.params())).isEqualTo(p);
    assertThat(BalanceSettings.fromParams(b.params())).isEqualTo(b);
  }

  @Test
  void oldModelsGiveTheDefaults() {
    Map<String, Object> old = Map.of("l2", 1e-4, "scale", "auto");

    assertThat(PreprocessSettings.fromParams(old)).isEqualTo(PreprocessSettings.defaults());
    assertThat(BalanceSettings.fromParams(old)).isEqualTo(BalanceSettings.none());
  }
}
