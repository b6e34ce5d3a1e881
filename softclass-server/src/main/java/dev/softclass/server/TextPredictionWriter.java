package dev.softclass.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.text.TextModel;
import java.io.IOException;
import java.util.List;

/**
 * Predicts every text of a request to a text model and writes the answer in the layout of {@link
 * PredictionWriter}:
 *
 * <pre>{@code
 * {"model": "lang", "model_version": 1, "classes": ["deu", "eng", ...],
 *  "predictions": [{"label": "eng", "probabilities": [0.001, 0.97, ...]}, ...]}
 * }</pre>
 *
 * <p>The probabilities are the model's exact ones ({@link TextModel#predictProba}), whatever
 * approximation trained it; {@code label} is the most probable class (the lower class index on a
 * tie). With a top-k (asked for, or the default for a model with many classes) an instance has
 * {@code "top": [{"label": ..., "probability": ...}, ...]}, most probable first, from {@link
 * TextModel#predict} (which a hierarchical softmax answers by a pruned search), instead of {@code
 * probabilities}; the request's {@code "min_prob"} leaves out the classes less probable than it, as
 * {@code softclass predict --min-prob} does (the label stays the most probable class). A model
 * trained with negative sampling or one-vs-all gives independent per-class sigmoid scores (its
 * metadata says {@code "probability_kind": "sigmoid"}) that need not sum to 1. Probabilities are
 * written at float32 precision. A multi-label text model's instance also has {@code "labels":
 * [...]}, the labels its decision chooses (every label whose score reaches the model's threshold,
 * 0.5 unless set otherwise), as a multi-label table model's, and {@code probabilities} (or {@code
 * top}) hold every label's sigmoid score. Thread-safe.
 */
final class TextPredictionWriter {
  /**
   * @param name the model's served name
   * @param snap the snapshot the request was parsed against, a text model's
   * @param request the parsed request, every instance an {@link Instance.Text}
   * @param deadline {@link System#nanoTime()} after which the request has timed out
   * @return the response body (UTF-8 JSON)
   * @throws ApiError 422 if the model refuses a text, 503 if the deadline passes
   */
  byte[] write(String name, ModelSnapshot snap, PredictRequest request, long deadline) {
    TextModel model = snap.textModel();
    List<String> classes = model.classes();
    List<Instance> instances = request.instances();
    int k = request.topK();
    if (k == 0 && !model.isMultiLabel()) {
      return probabilitiesOfEveryClass(name, snap, instances, deadline);
    }
    return PredictionsJson.write(
        name,
        snap,
        classes,
        instances.size(),
        256 + instances.size() * (16 + 28 * k),
        deadline,
        (g, i) -> {
          String text = ((Instance.Text) instances.get(i)).text();
          try {
            if (model.isMultiLabel()) {
              writeLabelSet(g, model, text, k, request.minProb());
            } else {
              writeTop(g, classes, model.predict(text, k, 0), request.minProb());
            }
          } catch (SoftclassException e) {
            throw refused(i, e);
          }
        });
  }

  /**
   * Every class's probability per text, with the most probable class (the lower class index on a
   * tie) as the label: the layout and bytes of a tabular model's answer.
   */
  private static byte[] probabilitiesOfEveryClass(
      String name, ModelSnapshot snap, List<Instance> instances, long deadline) {
    TextModel model = snap.textModel();
    return ProbabilitiesResponse.of(
        name,
        snap.version(),
        model.classes(),
        instances.size(),
        deadline,
        i -> {
          try {
            return model.predictProba(((Instance.Text) instances.get(i)).text());
          } catch (SoftclassException e) {
            throw refused(i, e);
          }
        },
        Model::argmax);
  }

  /**
   * A multi-label model's answer for one text, as a multi-label table model's: the most probable
   * label, the {@code labels} its decision chooses (in class order, possibly none), and every
   * label's sigmoid score, or with a top-k the {@code top} list instead.
   */
  private static void writeLabelSet(
      JsonGenerator g, TextModel model, String text, int k, double minProb) throws IOException {
    List<String> classes = model.classes();
    double[] p = model.predictProba(text);
    g.writeStringField("label", classes.get(Model.argmax(p)));
    g.writeArrayFieldStart("labels");
    for (int c : model.decideLabels(p)) {
      g.writeString(classes.get(c));
    }
    g.writeEndArray();
    if (k == 0) {
      g.writeArrayFieldStart("probabilities");
      for (double v : p) {
        g.writeNumber((float) v);
      }
      g.writeEndArray();
      return;
    }
    int[] top = new int[Math.min(k, p.length)];
    double[] topP = new double[top.length];
    int n = dev.softclass.head.TopK.select(p, top.length, minProb, top, topP);
    g.writeArrayFieldStart("top");
    for (int r = 0; r < n; r++) {
      PredictionsJson.writeTopEntry(g, classes.get(top[r]), topP[r]);
    }
    g.writeEndArray();
  }

  private static ApiError refused(int i, SoftclassException e) {
    return ApiError.unprocessable("instances[" + i + "]: " + e.getMessage());
  }

  /**
   * The most probable class and the top list, most probable first, without the classes less
   * probable than {@code minProb} (possibly none left).
   */
  private static void writeTop(
      JsonGenerator g, List<String> classes, TextModel.TopPredictions top, double minProb)
      throws IOException {
    g.writeStringField("label", classes.get(top.classes()[0]));
    g.writeArrayFieldStart("top");
    for (int r = 0; r < top.classes().length && top.probabilities()[r] >= minProb; r++) {
      PredictionsJson.writeTopEntry(g, classes.get(top.classes()[r]), top.probabilities()[r]);
    }
    g.writeEndArray();
  }
}
