package dev.softclass.server;

import dev.softclass.SoftclassException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The served models by name, in the order given. Thread-safe; the set of names never changes. */
final class ModelRegistry {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Map<String, ServedModel> models;

  private ModelRegistry(Map<String, ServedModel> models) {
    this.models = Collections.unmodifiableMap(models);
  }

  /**
   * Loads every model.
   *
   * @param files model name to model file, at least one
   * @throws SoftclassException if a name is not allowed or a file is not a readable model
   */
  static ModelRegistry load(Map<String, Path> files) {
    if (files.isEmpty()) {
      throw new SoftclassException("give at least one model to serve: --model NAME=PATH");
    }
    Map<String, ServedModel> models = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : files.entrySet()) {
      requireValidName(e.getKey());
      try {
        models.put(e.getKey(), new ServedModel(e.getKey(), e.getValue()));
      } catch (SoftclassException ex) {
        throw new SoftclassException("model '" + e.getKey() + "': " + ex.getMessage(), ex);
      }
    }
    return new ModelRegistry(models);
  }

  /**
   * Checks a model name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit
   * (so it fits in a URL path segment and never contains the ':' before an action).
   */
  static void requireValidName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new SoftclassException(
          "model name '"
              + name
              + "' is not allowed: use 1 to 64 letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
  }

  /** The model of that name, or {@code null}. */
  ServedModel get(String name) {
    return models.get(name);
  }

  /** Every served model, in the order given. */
  Collection<ServedModel> all() {
    return models.values();
  }

  /** Reloads each model whose file changed (the file watcher calls this). */
  void reloadChanged() {
    for (ServedModel m : models.values()) {
      m.reloadIfChanged();
    }
  }
}
