package dev.softclass.server;

import dev.softclass.Model;
import dev.softclass.Predictor;
import dev.softclass.SoftclassException;
import dev.softclass.ensemble.Ensemble;
import dev.softclass.text.TextModelDescription;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model endpoints: {@code GET /v1/models}, {@code GET /v1/models/NAME} (metadata and serving
 * metrics), {@code POST /v1/models/NAME:predict} and {@code POST /v1/models/NAME:reload}.
 */
final class ModelEndpoints {
  /** Request attribute: the fixed route name, for metrics. */
  static final String ROUTE = "softclass.route";

  /** Request attribute: the {@link ServedModel} the request named, if it exists. */
  static final String MODEL = "softclass.model";

  private final ModelRegistry models;
  private final Limits limits;
  private final RequestGate gate;
  private final PredictRequestParser parser;
  private final PredictionWriter writer = new PredictionWriter();
  private final TextPredictionWriter textWriter = new TextPredictionWriter();

  ModelEndpoints(ModelRegistry models, Limits limits, RequestGate gate) {
    this.models = models;
    this.limits = limits;
    this.gate = gate;
    this.parser = new PredictRequestParser(limits);
  }

  /** {@code GET /v1/models}. */
  void list(Context ctx) {
    ctx.attribute(ROUTE, "models");
    List<Object> out = new ArrayList<>();
    for (ServedModel m : models.all()) {
      out.add(summary(m, m.current()));
    }
    send(ctx, 200, Map.of("models", out));
  }

  /** {@code GET /v1/models/NAME}. */
  void describe(Context ctx) {
    ctx.attribute(ROUTE, "model");
    String target = ctx.pathParam("target");
    int colon = target.indexOf(':');
    if (colon >= 0) {
      model(ctx, target.substring(0, colon));
      throw new ApiError(
          405,
          "use POST for /v1/models/" + target + " (GET /v1/models/NAME describes a model)",
          Map.of("Allow", "POST"));
    }
    ServedModel m = model(ctx, target);
    ModelSnapshot snap = m.current();
    Map<String, Object> d =
        snap.isText()
            ? TextModelDescription.describe(summary(m, snap), snap.textModel())
            : tabular(summary(m, snap), snap.model());
    Map<String, Object> serving = new LinkedHashMap<>();
    serving.put("predict_requests", m.requests());
    serving.put("instances", m.instances());
    serving.put("errors", m.errors());
    serving.put("reloads", m.reloads());
    serving.put("failed_reloads", m.failedReloads());
    serving.put("last_reload_error", m.lastReloadError());
    serving.put("load_seconds", snap.loadTime().toNanos() / 1e9);
    d.put("serving", serving);
    send(ctx, 200, d);
  }

  /** A tabular model's metadata: the summary, then classes, features and preprocessing. */
  private static Map<String, Object> tabular(Map<String, Object> d, Predictor model) {
    d.put("classes", model.classes());
    d.put("features", Map.of("count", model.numFeatures(), "names", model.featureNames()));
    if (model instanceof Model single) {
      Map<String, Object> preprocessing = new LinkedHashMap<>();
      preprocessing.put("scale", single.transform().mode().id());
      Map<String, Object> categorical = new LinkedHashMap<>();
      single.columns().columns().stream()
          .filter(c -> c.kind() == dev.softclass.preprocess.EncodedColumn.Kind.CATEGORICAL)
          .forEach(c -> categorical.put(c.name(), c.categories()));
      if (!categorical.isEmpty()) {
        preprocessing.put("categorical", categorical);
      }
      d.put("preprocessing", preprocessing);
    }
    d.put("training", model.info().training());
    d.put("model_metrics", model.info().metrics());
    d.put("provenance", model.info().provenance());
    return d;
  }

  /** {@code POST /v1/models/NAME:ACTION}. */
  void action(Context ctx) {
    String target = ctx.pathParam("target");
    int colon = target.indexOf(':');
    if (colon < 0) {
      ctx.attribute(ROUTE, "model");
      model(ctx, target);
      throw new ApiError(
          405,
          "POST needs an action: /v1/models/" + target + ":predict or :reload",
          Map.of("Allow", "GET"));
    }
    String action = target.substring(colon + 1);
    switch (action) {
      case "predict" -> {
        ctx.attribute(ROUTE, "predict");
        predict(ctx, model(ctx, target.substring(0, colon)));
      }
      case "reload" -> {
        ctx.attribute(ROUTE, "reload");
        reload(ctx, model(ctx, target.substring(0, colon)));
      }
      default -> {
        ctx.attribute(ROUTE, "model");
        model(ctx, target.substring(0, colon));
        throw ApiError.notFound("unknown action ':" + action + "': use :predict or :reload");
      }
    }
  }

  private void predict(Context ctx, ServedModel m) {
    long deadline = System.nanoTime() + limits.requestTimeout().toNanos();
    requireJson(ctx.contentType());
    long declared = ctx.req().getContentLengthLong();
    RequestBody.checkDeclaredLength(declared, limits.maxBodyBytes());
    try (RequestGate.Slot slot = gate.enter()) {
      byte[] body;
      try {
        body =
            RequestBody.read(ctx.req().getInputStream(), declared, limits.maxBodyBytes(), deadline);
      } catch (IOException e) {
        throw RequestBody.unreadable(e, deadline);
      }
      ModelSnapshot snap = m.current();
      PredictRequest request = parser.parse(body, m.name(), snap, deadline);
      byte[] out =
          snap.isText()
              ? textWriter.write(m.name(), snap, request, deadline)
              : writer.write(m.name(), snap, request, deadline);
      m.countPrediction(request.instances().size());
      Responses.send(ctx, 200, Json.CONTENT_TYPE, out);
    }
  }

  private void reload(Context ctx, ServedModel m) {
    long before = m.current().version();
    try {
      ModelSnapshot snap = m.reload();
      send(ctx, 200, summary(m, snap));
    } catch (SoftclassException e) {
      throw ApiError.unprocessable(
          "the model file was not loaded and version "
              + before
              + " keeps serving: "
              + e.getMessage());
    }
  }

  private ServedModel model(Context ctx, String name) {
    ServedModel m = models.get(name);
    if (m == null) {
      List<String> names = models.all().stream().map(ServedModel::name).toList();
      throw ApiError.notFound(
          "no model is served as '" + name + "'; served models: " + String.join(", ", names));
    }
    ctx.attribute(MODEL, m);
    return m;
  }

  /** Refuses anything but {@code application/json}, optionally with a UTF-8 charset. */
  static void requireJson(String contentType) {
    if (contentType != null) {
      String[] parts = contentType.split(";");
      boolean ok = parts[0].strip().equalsIgnoreCase(Json.CONTENT_TYPE);
      for (int i = 1; i < parts.length && ok; i++) {
        String param = parts[i].strip().toLowerCase(Locale.ROOT);
        if (param.startsWith("charset=")) {
          ok = param.substring(8).replace("\"", "").equals("utf-8");
        }
      }
      if (ok) {
        return;
      }
    }
    throw new ApiError(
        415,
        "send the request as UTF-8 JSON with 'Content-Type: application/json', not "
            + (contentType == null ? "no Content-Type" : "'" + contentType + "'"));
  }

  private static Map<String, Object> summary(ServedModel m, ModelSnapshot snap) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", m.name());
    s.put("file", m.file().toString());
    s.put("version", snap.version());
    s.put("loaded_at", snap.loadedAt().toString());
    if (snap.isText()) {
      TextModelDescription.summarise(s, snap.textModel());
      return s;
    }
    Predictor model = snap.model();
    s.put("task", model.task());
    s.put("kind", "tabular");
    // An ensemble has no head of its own: its method (soft_voting, stacking) stands in.
    s.put(
        "head",
        model instanceof Model single
            ? single.head().name()
            : model instanceof Ensemble e ? e.method() : "ensemble");
    s.put("num_classes", model.classes().size());
    s.put("num_features", model.numFeatures());
    return s;
  }

  static void send(Context ctx, int status, Object body) {
    Responses.send(ctx, status, Json.CONTENT_TYPE, Json.bytes(body));
  }
}
