package dev.softclass;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model records about its making: the training settings and results, metrics, and provenance
 * (library, Java, OS, time). Plain JSON-friendly values (strings, numbers, booleans, lists and
 * maps). Immutable.
 *
 * @param training settings ({@code TrainingSettings.params()}) and outcome (iterations, final
 *     objective, seconds, rows)
 * @param metrics named metrics, for example on the training or a held-out set
 * @param provenance library version, Java version, OS, architecture, creation time
 */
public record ModelInfo(
    Map<String, Object> training, Map<String, Object> metrics, Map<String, Object> provenance) {

  /** Copies the maps, keeping their order. */
  public ModelInfo {
    training = freeze(training);
    metrics = freeze(metrics);
    provenance = freeze(provenance);
  }

  private static Map<String, Object> freeze(Map<String, Object> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m == null ? Map.of() : m));
  }

  /** Provenance of a model made now, on this machine. */
  public static Map<String, Object> currentProvenance() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("library_version", Version.get());
    p.put("java_version", System.getProperty("java.version"));
    p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    p.put("arch", System.getProperty("os.arch"));
    p.put("created", java.time.Instant.now().toString());
    return p;
  }

  /** This info with {@code extra} metrics added (replacing those of the same name). */
  public ModelInfo withMetrics(Map<String, Object> extra) {
    Map<String, Object> m = new LinkedHashMap<>(metrics);
    m.putAll(extra);
    return new ModelInfo(training, m, provenance);
  }
}
