package dev.softclass.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a predict request body, {@code {"instances": [...], "top_k": k}}, straight into float
 * arrays with Jackson's streaming parser (no tree of objects per value), checking every instance
 * against the model as it goes.
 *
 * <p>An instance is a dense array of raw feature values in the model's order, an object of named
 * features, or a sparse {@code {"indices": [...], "values": [...]}} (0-based, strictly increasing
 * indices). {@code null} is a missing value, filled in as the model's preprocessing does for an
 * empty CSV cell. For a text model, an instance is a string. Malformed JSON or JSON nested too deep
 * is a 400; JSON of the wrong shape is a 422 naming the instance and what was expected; too many
 * instances is a 413. Bytes that are not Unicode text are a 400 too. Thread-safe.
 */
final class PredictRequestParser {
  /** Above this many classes, only the most probable ones are returned unless asked otherwise. */
  static final int ALL_CLASSES_UP_TO = 50;

  /** How many classes are returned by default for a model with many classes. */
  static final int DEFAULT_TOP_K = 10;

  private static final int MAX_NAMES_LISTED = 10;

  private final JsonFactory factory;
  private final Limits limits;

  PredictRequestParser(Limits limits) {
    this.limits = limits;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(limits.maxJsonDepth()).build())
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
  }

  /**
   * Parses and checks a request body.
   *
   * @param body the whole body
   * @param name the model's served name (for messages)
   * @param snap the model snapshot this request uses
   * @param deadline {@link System#nanoTime()} after which the request has timed out
   * @throws ApiError 400, 413, 422 or 503 (timed out)
   */
  PredictRequest parse(byte[] body, String name, ModelSnapshot snap, long deadline) {
    if (!snap.isText() && !snap.hasCategorical()) {
      int classes = snap.classes().size();
      DenseBatchScanner.Batch batch =
          DenseBatchScanner.scan(
              body, snap.model().numFeatures(), limits.maxInstances(), classes, deadline);
      if (batch != null) {
        return new PredictRequest(
            batch.instances(), batch.topK() < 0 ? defaultTopK(classes) : batch.topK());
      }
    }
    try (JsonParser p = factory.createParser(body)) {
      return new Reader(p, name, snap, deadline).request();
    } catch (StreamConstraintsException e) {
      throw ApiError.badRequest(
          "the JSON is nested deeper than the limit of " + limits.maxJsonDepth() + " levels");
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest(
          "malformed JSON: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    } catch (CharConversionException e) {
      // Jackson tells UTF-8, UTF-16 and UTF-32 apart by the first bytes; the rest must follow suit.
      throw ApiError.badRequest("the body is not valid Unicode text: " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException("reading JSON from memory cannot fail this way", e);
    }
  }

  /** Every class for a model with few, else the {@value #DEFAULT_TOP_K} most probable. */
  private static int defaultTopK(int classes) {
    return classes <= ALL_CLASSES_UP_TO ? 0 : DEFAULT_TOP_K;
  }

  /** The state of parsing one body. */
  private final class Reader {
    private final JsonParser p;
    private final String name;
    private final ModelSnapshot snap;
    private final int d;
    private final long deadline;

    Reader(JsonParser p, String name, ModelSnapshot snap, long deadline) {
      this.p = p;
      this.name = name;
      this.snap = snap;
      this.d = snap.isText() ? 0 : snap.model().numFeatures();
      this.deadline = deadline;
    }

    PredictRequest request() throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw ApiError.badRequest("the request body is empty: send {\"instances\": [...]}");
      }
      if (t != JsonToken.START_OBJECT) {
        throw ApiError.unprocessable(
            "the body must be a JSON object {\"instances\": [...]}, not " + describe(t));
      }
      List<Instance> instances = null;
      int topK = -1;
      double minProb = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("instances") && instances == null) {
          instances = instances();
        } else if (field.equals("top_k") && topK < 0) {
          topK = topK();
        } else if (field.equals("min_prob") && minProb < 0) {
          minProb = minProb();
        } else if (field.equals("instances") || field.equals("top_k") || field.equals("min_prob")) {
          throw ApiError.unprocessable("the field \"" + field + "\" appears twice");
        } else {
          throw ApiError.unprocessable(
              "unknown field \""
                  + field
                  + "\": a predict request has \"instances\" and, optionally, \"top_k\" (and"
                  + " \"min_prob\" for a text model)");
        }
      }
      if (p.nextToken() != null) {
        throw ApiError.badRequest("malformed JSON: more content after the request object");
      }
      if (instances == null) {
        throw ApiError.unprocessable(
            "the body has no \"instances\" field: send {\"instances\": [...]}");
      }
      int classes = snap.classes().size();
      if (topK < 0 && minProb >= 0) {
        // a least probability asks for a list, most probable first, of the classes that reach it
        topK = classes <= ALL_CLASSES_UP_TO ? classes : DEFAULT_TOP_K;
      }
      return new PredictRequest(
          instances, topK < 0 ? defaultTopK(classes) : topK, Math.max(minProb, 0));
    }

    /** {@code "min_prob"}: a probability, for a text model only (as {@code predict --min-prob}). */
    private double minProb() throws IOException {
      if (!snap.isText()) {
        throw ApiError.unprocessable(
            "\"min_prob\" is for text models; model '" + name + "' is tabular");
      }
      JsonToken t = p.currentToken();
      if ((t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT)
          || !(p.getDoubleValue() >= 0 && p.getDoubleValue() <= 1)) {
        throw ApiError.unprocessable("\"min_prob\" must be a number from 0 to 1");
      }
      return p.getDoubleValue();
    }

    private int topK() throws IOException {
      int classes = snap.classes().size();
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() != JsonParser.NumberType.INT
          || p.getIntValue() < 1
          || p.getIntValue() > classes) {
        throw ApiError.unprocessable(
            "\"top_k\" must be an integer from 1 to " + classes + " (the number of classes)");
      }
      return p.getIntValue();
    }

    private List<Instance> instances() throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw ApiError.unprocessable(
            "\"instances\" must be an array of instances, not " + describe(p.currentToken()));
      }
      List<Instance> out = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (out.size() == limits.maxInstances()) {
          throw ApiError.tooLarge(
              "more than "
                  + limits.maxInstances()
                  + " instances in one request: split the batch into requests of at most "
                  + limits.maxInstances());
        }
        if (RequestDeadline.passed(deadline)) {
          throw RequestDeadline.expired();
        }
        out.add(instance(t, out.size()));
      }
      if (out.isEmpty()) {
        throw ApiError.unprocessable("\"instances\" is empty: give at least one instance");
      }
      return out;
    }

    private Instance instance(JsonToken t, int i) throws IOException {
      if (snap.isText()) {
        return text(t, i);
      }
      if (t == JsonToken.START_ARRAY) {
        return dense(i);
      }
      if (t == JsonToken.START_OBJECT) {
        JsonToken first = p.nextToken();
        String key = first == JsonToken.FIELD_NAME ? p.currentName() : null;
        boolean sparse =
            key != null
                && (key.equals("indices") || key.equals("values"))
                && snap.featureIndex(key) < 0;
        return sparse ? sparse(i) : named(i, first);
      }
      if (t == JsonToken.VALUE_STRING) {
        throw ApiError.unprocessable(
            "instances["
                + i
                + "] is text, but model '"
                + name
                + "' is tabular: send an array of "
                + d
                + " values, an object of named features, or {\"indices\": [...], \"values\":"
                + " [...]}");
      }
      throw ApiError.unprocessable(
          "instances["
              + i
              + "] is "
              + describe(t)
              + ": an instance is an array of "
              + d
              + " feature values, an object of named features, or {\"indices\": [...],"
              + " \"values\": [...]}");
    }

    /** An instance for a text model: a string. */
    private Instance text(JsonToken t, int i) throws IOException {
      if (t != JsonToken.VALUE_STRING) {
        throw ApiError.unprocessable(
            "instances["
                + i
                + "] is "
                + describe(t)
                + ", but model '"
                + name
                + "' is a text model: send each instance as a string, e.g. {\"instances\":"
                + " [\"a sentence\"]}");
      }
      return new Instance.Text(p.getText());
    }

    private Instance dense(int i) throws IOException {
      float[] row = new float[d];
      String[] text = null;
      int n = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (n < d && t == JsonToken.VALUE_STRING && snap.isCategorical(n)) {
          text = text == null ? new String[d] : text;
          text[n] = p.getText();
        } else if (n < d) {
          row[n] = value(t, n, i, null, n);
        } else {
          p.skipChildren();
        }
        n++;
      }
      if (n != d) {
        throw ApiError.unprocessable(
            "instances["
                + i
                + "] has "
                + n
                + " values, but model '"
                + name
                + "' expects "
                + d
                + " features: "
                + listed(snap.model().featureNames()));
      }
      return new Instance.Dense(row, text);
    }

    private Instance named(int i, JsonToken first) throws IOException {
      float[] row = new float[d];
      String[] text = null;
      boolean[] seen = new boolean[d];
      List<String> unknown = new ArrayList<>();
      JsonToken t = first;
      while (t == JsonToken.FIELD_NAME) {
        String feature = p.currentName();
        JsonToken v = p.nextToken();
        int c = snap.featureIndex(feature);
        if (c < 0) {
          unknown.add(feature);
          p.skipChildren();
        } else if (seen[c]) {
          throw ApiError.unprocessable(
              "instances[" + i + "] gives feature '" + feature + "' twice");
        } else {
          seen[c] = true;
          if (v == JsonToken.VALUE_STRING && snap.isCategorical(c)) {
            text = text == null ? new String[d] : text;
            text[c] = p.getText();
          } else {
            row[c] = value(v, c, i, feature, -1);
          }
        }
        t = p.nextToken();
      }
      List<String> missing = new ArrayList<>();
      List<String> names = snap.model().featureNames();
      for (int c = 0; c < d; c++) {
        if (!seen[c]) {
          missing.add(names.get(c));
        }
      }
      if (!missing.isEmpty() || !unknown.isEmpty()) {
        StringBuilder m = new StringBuilder("instances[" + i + "]");
        if (!missing.isEmpty()) {
          m.append(" lacks ")
              .append(missing.size())
              .append(" of the ")
              .append(d)
              .append(" features of model '")
              .append(name)
              .append("': ")
              .append(listed(missing))
              .append(" (give each one; null marks a missing value)");
        }
        if (!unknown.isEmpty()) {
          m.append(missing.isEmpty() ? "" : ";")
              .append(" has features the model does not know: ")
              .append(listed(unknown));
        }
        throw ApiError.unprocessable(m.toString());
      }
      return new Instance.Dense(row, text);
    }

    private Instance sparse(int i) throws IOException {
      int[] indices = null;
      float[] values = null;
      JsonToken t = p.currentToken();
      while (t == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        if (key.equals("indices") && indices == null) {
          indices = indices(i);
        } else if (key.equals("values") && values == null) {
          values = sparseValues(i);
        } else {
          throw ApiError.unprocessable(
              "instances["
                  + i
                  + "] is sparse and has "
                  + (key.equals("indices") || key.equals("values") ? "a second" : "an unknown")
                  + " field \""
                  + key
                  + "\": a sparse instance is {\"indices\": [...], \"values\": [...]}");
        }
        t = p.nextToken();
      }
      if (indices == null || values == null) {
        throw ApiError.unprocessable(
            "instances["
                + i
                + "] is sparse but lacks \""
                + (indices == null ? "indices" : "values")
                + "\": a sparse instance is {\"indices\": [...], \"values\": [...]}");
      }
      if (indices.length != values.length) {
        throw ApiError.unprocessable(
            "instances["
                + i
                + "] has "
                + indices.length
                + " indices but "
                + values.length
                + " values");
      }
      return new Instance.Sparse(indices, values);
    }

    private int[] indices(int i) throws IOException {
      requireArray("instances[" + i + "].indices");
      int[] out = new int[16];
      int n = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_NUMBER_INT
            || p.getNumberType() != JsonParser.NumberType.INT
            || p.getIntValue() < 0) {
          throw ApiError.unprocessable(
              where(i, "indices", n) + " must be a feature index from 0 up");
        }
        int index = p.getIntValue();
        if (n > 0 && index <= out[n - 1]) {
          throw ApiError.unprocessable(
              where(i, "indices", n) + " is " + index + ": indices must be strictly increasing");
        }
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = index;
      }
      return Arrays.copyOf(out, n);
    }

    private float[] sparseValues(int i) throws IOException {
      requireArray("instances[" + i + "].values");
      float[] out = new float[16];
      int n = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.VALUE_NULL) {
          throw ApiError.unprocessable(
              where(i, "values", n)
                  + " is null: in a sparse instance, leave a missing feature out");
        }
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n] = value(t, -1, i, "values", n);
        n++;
      }
      return Arrays.copyOf(out, n);
    }

    private void requireArray(String where) {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw ApiError.unprocessable(
            where + " must be an array, not " + describe(p.currentToken()));
      }
    }

    /**
     * A feature value: a finite float32, or {@code null} (the fill value of feature {@code c}; not
     * allowed when {@code c < 0}). {@code i}, {@code member} and {@code n} say where it is, for the
     * message, which is only built on an error: building it for every value cost more than parsing
     * the value.
     */
    private float value(JsonToken t, int c, int i, String member, int n) throws IOException {
      if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
        // exact for |v| <= 2^24, rounded to nearest beyond, as parsing the text would be; and
        // much faster than getFloatValue(), which parses an integer token's text again
        return p.getIntValue();
      }
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        float v = p.getFloatValue();
        if (!Float.isFinite(v)) {
          throw ApiError.unprocessable(
              where(i, member, n) + " = " + p.getText() + " is too large for a 32-bit float");
        }
        return v;
      }
      if (t == JsonToken.VALUE_NULL && c >= 0) {
        return Float.NaN; // missing: the model's pipeline fills it
      }
      throw ApiError.unprocessable(
          where(i, member, n)
              + " is "
              + describe(t)
              + (c >= 0 && snap.isCategorical(c)
                  ? ": this categorical feature takes a string or a number (null for missing)"
                  : ": feature values are numbers (null for missing)"));
    }
  }

  /** {@code instances[i][n]}, {@code instances[i].member} or {@code instances[i].member[n]}. */
  private static String where(int i, String member, int n) {
    StringBuilder b = new StringBuilder("instances[").append(i).append(']');
    if (member != null) {
      b.append('.').append(member);
    }
    if (n >= 0) {
      b.append('[').append(n).append(']');
    }
    return b.toString();
  }

  /** Up to {@value #MAX_NAMES_LISTED} names, then how many more. */
  static String listed(List<String> names) {
    if (names.size() <= MAX_NAMES_LISTED) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_NAMES_LISTED))
        + " and "
        + (names.size() - MAX_NAMES_LISTED)
        + " more";
  }

  /** A JSON token in words, for messages. */
  static String describe(JsonToken t) {
    if (t == null) {
      return "missing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }
}
