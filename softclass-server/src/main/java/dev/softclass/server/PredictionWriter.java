package dev.softclass.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.softclass.Model;
import dev.softclass.Predictor;
import dev.softclass.SoftclassException;
import java.io.IOException;
import java.util.List;

/**
 * Predicts every instance of a request and writes the answer with Jackson's streaming generator:
 *
 * <pre>{@code
 * {"model": "digits", "model_version": 1, "classes": ["0", ..., "9"],
 *  "predictions": [{"label": "3", "probabilities": [0.001, ..., 0.0002]}, ...]}
 * }</pre>
 *
 * <p>{@code label} is the model's decision ({@code Model.decide}): the most probable class, or for
 * a binary model with a decision threshold, the positive class when its probability reaches it.
 * {@code probabilities} are in {@code classes} order. With a top-k (asked for, or the default for a
 * model with many classes) an instance has {@code "top": [{"label": ..., "probability": ...},
 * ...]}, most probable first, instead. A multi-label model's instance also has {@code "labels":
 * [...]}, the labels its decision chooses (thresholds, top-k, at-least-one; see {@code
 * Model.decideLabels}), possibly none. Probabilities are written at float32 precision (about 7
 * significant digits), what the model's float32 weights support. Thread-safe.
 */
final class PredictionWriter {
  /**
   * @param name the model's served name
   * @param snap the snapshot the request was parsed against
   * @param request the parsed request
   * @param deadline {@link System#nanoTime()} after which the request has timed out
   * @return the response body (UTF-8 JSON)
   * @throws ApiError 422 if the model refuses an instance, 503 if the deadline passes
   */
  byte[] write(String name, ModelSnapshot snap, PredictRequest request, long deadline) {
    Predictor model = snap.model();
    List<String> classes = model.classes();
    List<Instance> instances = request.instances();
    if (request.topK() == 0 && !model.isMultiLabel()) {
      return probabilitiesOfEveryClass(name, snap, instances, deadline);
    }
    char[] number = new char[ShortestFloat.MAX_CHARS];
    byte[] digits = new byte[ShortestFloat.MAX_CHARS];
    return PredictionsJson.write(
        name,
        snap,
        classes,
        instances.size(),
        256 + instances.size() * (16 + 14 * classes.size()),
        deadline,
        (g, i) -> {
          double[] p = probabilities(model, instances.get(i), i);
          g.writeStringField("label", classes.get(model.decide(p)));
          if (model.isMultiLabel()) {
            g.writeArrayFieldStart("labels");
            for (int k : ((Model) model).decideLabels(p)) {
              g.writeString(classes.get(k));
            }
            g.writeEndArray();
          }
          if (request.topK() == 0) {
            g.writeArrayFieldStart("probabilities");
            for (double v : p) {
              // the same text as g.writeNumber((float) v), without a String per number
              g.writeNumber(number, 0, ShortestFloat.write((float) v, digits, number));
            }
            g.writeEndArray();
          } else {
            writeTop(g, classes, p, request.topK());
          }
        });
  }

  /** The common answer, every class's probability per instance, without a JSON generator. */
  private static byte[] probabilitiesOfEveryClass(
      String name, ModelSnapshot snap, List<Instance> instances, long deadline) {
    Predictor model = snap.model();
    return ProbabilitiesResponse.of(
        name,
        snap.version(),
        model.classes(),
        instances.size(),
        deadline,
        i -> probabilities(model, instances.get(i), i),
        model::decide);
  }

  private static double[] probabilities(Predictor model, Instance instance, int i) {
    try {
      return instance.predictProba(model);
    } catch (SoftclassException e) {
      throw ApiError.unprocessable("instances[" + i + "]: " + e.getMessage());
    }
  }

  /** The {@code k} most probable classes, most probable first (lower class index on a tie). */
  private static void writeTop(JsonGenerator g, List<String> classes, double[] p, int k)
      throws IOException {
    boolean[] taken = new boolean[p.length];
    g.writeArrayFieldStart("top");
    for (int r = 0; r < k; r++) {
      int best = -1;
      for (int c = 0; c < p.length; c++) {
        if (!taken[c] && (best < 0 || p[c] > p[best])) {
          best = c;
        }
      }
      taken[best] = true;
      PredictionsJson.writeTopEntry(g, classes.get(best), p[best]);
    }
    g.writeEndArray();
  }
}
