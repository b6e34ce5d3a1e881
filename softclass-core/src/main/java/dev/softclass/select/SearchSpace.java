package dev.softclass.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.softclass.SoftclassException;
import dev.softclass.train.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The settings a search varies, each with its {@link SearchDimension}. Any name of {@link
 * TrainingSettings#params()} may be searched: candidates are settings maps read back by {@link
 * TrainingSettings#fromParams}, so a setting added there can be searched with no change here.
 * Values of integer settings (epochs, batch size...) are rounded. Immutable.
 *
 * <p>Command-line syntax: dimensions separated by commas, each {@code name=values} where values are
 * alternatives separated by {@code |} ({@code lr=0.01|0.1}, {@code optimizer=sgd}) or a range
 * {@code low..high:log|lin:N} ({@code l2=1e-4..1e1:log:8}: 8 points evenly spaced in log scale;
 * {@code :N} may be left out for a random search). A file (JSON, or YAML when it ends in {@code
 * .yaml}/{@code .yml}) maps each name to a list of alternatives, a single value, a string in the
 * command-line syntax, or an object {@code {"min": 1e-4, "max": 10, "scale": "log", "num": 8}}.
 */
public final class SearchSpace {
  private final List<SearchDimension> dimensions;

  /**
   * @throws SoftclassException if a name is not a training setting or appears twice
   */
  public SearchSpace(List<SearchDimension> dimensions) {
    this.dimensions = List.copyOf(dimensions);
    Map<String, Object> known = TrainingSettings.defaults().params();
    List<String> seen = new ArrayList<>();
    for (SearchDimension d : this.dimensions) {
      if (!known.containsKey(d.name())) {
        throw new SoftclassException(
            "'" + d.name() + "' is not a training setting; searchable: " + known.keySet());
      }
      if (seen.contains(d.name())) {
        throw new SoftclassException("'" + d.name() + "' is given twice in the search space");
      }
      seen.add(d.name());
    }
  }

  /** The dimensions, in the order given. */
  public List<SearchDimension> dimensions() {
    return dimensions;
  }

  /**
   * Parses the command-line syntax, for example {@code l2=1e-4..1e1:log:8,lr=0.01|0.1}.
   *
   * @throws SoftclassException naming the part that is not understood
   */
  public static SearchSpace parse(String text) {
    List<SearchDimension> dims = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw new SoftclassException(
            "--search: '"
                + p
                + "' is not name=values (for example l2=1e-4..1e1:log:8 or lr=0.01|0.1)");
      }
      dims.add(dimension(p.substring(0, eq).strip(), p.substring(eq + 1).strip(), "--search"));
    }
    return new SearchSpace(dims);
  }

  /**
   * Reads a search-space file (JSON, or YAML for {@code .yaml} and {@code .yml}).
   *
   * @throws SoftclassException naming the file and the entry that is wrong
   */
  public static SearchSpace read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper =
        name.endsWith(".yaml") || name.endsWith(".yml")
            ? new ObjectMapper(new YAMLFactory())
            : new ObjectMapper();
    JsonNode root;
    try {
      root = mapper.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new SoftclassException(file + ": no such search-space file");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SoftclassException(
          file
              + ": not valid "
              + (mapper.getFactory() instanceof YAMLFactory ? "YAML" : "JSON")
              + " at line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SoftclassException(file + ": cannot read the search-space file: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SoftclassException(
          file + ": expected an object mapping each setting to its values");
    }
    List<SearchDimension> dims = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      dims.add(fromNode(f.getKey(), f.getValue(), file.toString()));
    }
    return new SearchSpace(dims);
  }

  private static SearchDimension fromNode(String key, JsonNode node, String where) {
    String at = where + ": '" + key + "'";
    if (node.isArray()) {
      List<Object> values = new ArrayList<>();
      for (JsonNode v : node) {
        values.add(scalar(v, at));
      }
      if (values.isEmpty()) {
        throw new SoftclassException(at + " has an empty list of values");
      }
      return new SearchDimension.Choice(key, values);
    }
    if (node.isObject()) {
      JsonNode min = node.get("min");
      JsonNode max = node.get("max");
      if (min == null || max == null || !min.isNumber() || !max.isNumber()) {
        throw new SoftclassException(at + " needs numeric \"min\" and \"max\"");
      }
      String scale = node.path("scale").asText("lin");
      if (!scale.equals("log") && !scale.equals("lin")) {
        throw new SoftclassException(at + ": \"scale\" must be log or lin, got '" + scale + "'");
      }
      return range(
          key, min.asDouble(), max.asDouble(), scale.equals("log"), node.path("num").asInt(1), at);
    }
    if (node.isTextual() && (node.asText().contains("..") || node.asText().contains("|"))) {
      return dimension(key, node.asText(), where);
    }
    return new SearchDimension.Choice(key, List.of(scalar(node, at)));
  }

  private static Object scalar(JsonNode v, String at) {
    if (v.isNumber()) {
      return v.numberValue();
    }
    if (v.isTextual() || v.isBoolean()) {
      return value(v.asText());
    }
    throw new SoftclassException(at + ": expected numbers or strings, got " + v);
  }

  /** One dimension in the command-line syntax. */
  private static SearchDimension dimension(String key, String spec, String where) {
    String at = where + ": '" + key + "=" + spec + "'";
    int dots = spec.indexOf("..");
    if (dots < 0) {
      List<Object> values = new ArrayList<>();
      for (String v : spec.split("\\|", -1)) {
        if (v.isBlank()) {
          throw new SoftclassException(at + " has an empty alternative");
        }
        values.add(value(v.strip()));
      }
      return new SearchDimension.Choice(key, values);
    }
    String[] tail = spec.substring(dots + 2).split(":", -1);
    double low = number(spec.substring(0, dots), at);
    double high = number(tail[0], at);
    boolean log = false;
    int points = 1;
    if (tail.length > 1) {
      if (!tail[1].equals("log") && !tail[1].equals("lin")) {
        throw new SoftclassException(at + ": the scale must be log or lin, got '" + tail[1] + "'");
      }
      log = tail[1].equals("log");
    }
    if (tail.length > 2) {
      try {
        points = Integer.parseInt(tail[2]);
      } catch (NumberFormatException e) {
        throw new SoftclassException(
            at + ": the point count must be an integer, got '" + tail[2] + "'");
      }
    }
    if (tail.length > 3) {
      throw new SoftclassException(at + ": expected low..high:log|lin:N");
    }
    return range(key, low, high, log, points, at);
  }

  private static SearchDimension range(
      String key, double low, double high, boolean log, int points, String at) {
    try {
      return new SearchDimension.Range(key, low, high, log, points);
    } catch (IllegalArgumentException e) {
      throw new SoftclassException(at + ": " + e.getMessage());
    }
  }

  private static double number(String s, String at) {
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      throw new SoftclassException(at + ": '" + s + "' is not a number");
    }
  }

  /** A number when the text is one, else the text. */
  private static Object value(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return s;
    }
  }

  /** Number of grid candidates (the product of the dimensions' grid sizes). */
  public long gridSize() {
    long n = 1;
    for (SearchDimension d : dimensions) {
      n *= d.gridValues().size();
    }
    return n;
  }

  /**
   * Every combination of the dimensions' grid values, the last dimension varying fastest, each over
   * {@code base}.
   *
   * @throws SoftclassException if a candidate's values are not valid settings
   */
  public List<TrainingSettings> grid(TrainingSettings base) {
    List<TrainingSettings> out = new ArrayList<>();
    int[] at = new int[dimensions.size()];
    while (true) {
      Map<String, Object> candidate = new LinkedHashMap<>();
      for (int i = 0; i < at.length; i++) {
        candidate.put(dimensions.get(i).name(), dimensions.get(i).gridValues().get(at[i]));
      }
      out.add(settings(base, candidate));
      int i = at.length - 1;
      while (i >= 0 && ++at[i] == dimensions.get(i).gridValues().size()) {
        at[i--] = 0;
      }
      if (i < 0) {
        return out;
      }
    }
  }

  /**
   * {@code count} candidates drawn at random (ranges uniformly, or log-uniformly for log ranges;
   * alternatives with equal chance), each over {@code base}; the same seed gives the same draws.
   *
   * @throws SoftclassException if a candidate's values are not valid settings
   */
  public List<TrainingSettings> random(TrainingSettings base, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<TrainingSettings> out = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      Map<String, Object> candidate = new LinkedHashMap<>();
      for (SearchDimension d : dimensions) {
        candidate.put(d.name(), d.sample(random));
      }
      out.add(settings(base, candidate));
    }
    return out;
  }

  /** {@code base} with the candidate's values; integer settings rounded. */
  static TrainingSettings settings(TrainingSettings base, Map<String, Object> candidate) {
    Map<String, Object> params = base.params();
    for (Map.Entry<String, Object> e : candidate.entrySet()) {
      Object old = params.get(e.getKey());
      Object v = e.getValue();
      if (v instanceof Number n && (old instanceof Integer || old instanceof Long)) {
        v = Math.round(n.doubleValue());
      } else if (v instanceof Number n && old instanceof String) {
        v = n.toString();
      } else if (v instanceof String s && old instanceof Number) {
        throw new SoftclassException("'" + e.getKey() + "' takes a number, got '" + s + "'");
      }
      params.put(e.getKey(), v);
    }
    try {
      return TrainingSettings.fromParams(params);
    } catch (SoftclassException ex) {
      throw new SoftclassException("search candidate " + candidate + ": " + ex.getMessage());
    }
  }

  @Override
  public String toString() {
    return dimensions.toString();
  }
}
