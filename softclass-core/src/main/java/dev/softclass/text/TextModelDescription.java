package dev.softclass.text;

import dev.softclass.io.LabelDecisionJson;
import dev.softclass.preprocess.text.TextFeatures;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a text model is, as JSON-ready maps: its kind ({@code "text"}), head, classes, embedding
 * width, how it turns text into features and its calibration, in place of a tabular model's
 * features and preprocessing. The server's {@code GET /v1/models} and {@code GET /v1/models/NAME}
 * and {@code softclass inspect} say the same through it.
 */
public final class TextModelDescription {
  private TextModelDescription() {}

  /**
   * Adds the short summary (the server's {@code GET /v1/models}): task ("multilabel" for a
   * multi-label model), {@code "kind": "text"}, head ({@code --loss}), {@code probability_kind}
   * ("softmax" when the probabilities sum to 1, "sigmoid" for independent per-class scores),
   * num_classes and dim.
   */
  public static void summarise(Map<String, Object> s, TextModel model) {
    s.put("task", model.task());
    s.put("kind", "text");
    s.put("head", model.head().name());
    s.put("probability_kind", model.probabilityKind());
    s.put("num_classes", model.classes().size());
    s.put("dim", model.body().dim());
  }

  /**
   * Adds the details (the server's {@code GET /v1/models/NAME}) to a summary: classes, the text
   * features (vocabulary size, n-grams, hash buckets, lower-casing, Unicode normalisation), the
   * calibration ({@link #calibration}), a multi-label model's {@code label_decision}, training
   * settings, metrics and provenance.
   *
   * @return {@code d}
   */
  public static Map<String, Object> describe(Map<String, Object> d, TextModel model) {
    d.put("classes", model.classes());
    TextFeatures f = model.features();
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("vocabulary", f.words().size());
    text.put("word_ngrams", f.wordNgrams());
    text.put("minn", f.minn());
    text.put("maxn", f.maxn());
    text.put("buckets", f.buckets());
    text.put("lowercase", f.tokenizer().lowercase());
    text.put("normalization", f.tokenizer().normalization().id());
    d.put("text_features", text);
    d.put("calibration", calibration(model));
    model.labelDecision().ifPresent(l -> d.put("label_decision", LabelDecisionJson.write(l)));
    d.put("training", model.info().training());
    d.put("model_metrics", model.info().metrics());
    d.put("provenance", model.info().provenance());
    return d;
  }

  /** The calibration as model.json stores it, or null for none. */
  public static Map<String, Object> calibration(TextModel model) {
    if (!model.isCalibrated()) {
      return null;
    }
    Map<String, Object> c = new LinkedHashMap<>();
    double[] bias = model.classBias();
    c.put("method", bias == null ? "temperature" : "temperature-bias");
    c.put("temperature", model.temperature());
    if (bias != null) {
      c.put("bias", bias);
    }
    return c;
  }
}
