package dev.softclass.server;

import dev.softclass.Model;
import dev.softclass.Predictor;
import dev.softclass.text.TextModel;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded version of a served model, with what the request parser needs precomputed: the
 * position of each feature name. The model is either tabular (a {@link Predictor}: a model or an
 * ensemble, taking rows of features) or a {@link TextModel} (taking text). A request uses one
 * snapshot from start to end, so a reload in the middle never mixes two models. Immutable.
 */
final class ModelSnapshot {
  private final Predictor model;
  private final TextModel textModel;
  private final long version;
  private final Instant loadedAt;
  private final Duration loadTime;
  private final Map<String, Integer> featureIndex;
  private final boolean hasCategorical;

  /** A tabular model. */
  ModelSnapshot(Predictor model, long version, Instant loadedAt, Duration loadTime) {
    this(model, null, version, loadedAt, loadTime);
  }

  /** A text model. */
  ModelSnapshot(TextModel textModel, long version, Instant loadedAt, Duration loadTime) {
    this(null, textModel, version, loadedAt, loadTime);
  }

  private ModelSnapshot(
      Predictor model, TextModel textModel, long version, Instant loadedAt, Duration loadTime) {
    this.model = model;
    this.textModel = textModel;
    this.version = version;
    this.loadedAt = loadedAt;
    this.loadTime = loadTime;
    List<String> names = model == null ? List.of() : model.featureNames();
    this.featureIndex = new HashMap<>(names.size() * 2);
    for (int c = 0; c < names.size(); c++) {
      featureIndex.putIfAbsent(names.get(c), c);
    }
    boolean categorical = false;
    for (int c = 0; c < names.size() && !categorical; c++) {
      categorical = isCategorical(c);
    }
    this.hasCategorical = categorical;
  }

  /** The tabular model, or {@code null} for a text model (see {@link #isText()}). */
  Predictor model() {
    return model;
  }

  /** The text model, or {@code null} for a tabular model. */
  TextModel textModel() {
    return textModel;
  }

  /** Whether this is a text model, whose instances are strings. */
  boolean isText() {
    return textModel != null;
  }

  /** Class names, in probability order. */
  List<String> classes() {
    return isText() ? textModel.classes() : model.classes();
  }

  /** 1 for the model loaded at start, one more for each successful reload. */
  long version() {
    return version;
  }

  Instant loadedAt() {
    return loadedAt;
  }

  Duration loadTime() {
    return loadTime;
  }

  /** Position of a feature name, or -1. */
  int featureIndex(String name) {
    Integer c = featureIndex.get(name);
    return c == null ? -1 : c;
  }

  /** Whether any feature is categorical (may be given as a string). */
  boolean hasCategorical() {
    return hasCategorical;
  }

  /** Whether feature {@code c} is categorical (it may be given as a string). */
  boolean isCategorical(int c) {
    return model instanceof Model single && single.columns().isCategorical(c);
  }
}
