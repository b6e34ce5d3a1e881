package dev.softclass.bench.page;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} pairs of a benchmark tool's command line. */
final class Arguments {
  private Arguments() {}

  /**
   * @throws IllegalArgumentException if an option lacks its value or a required one is missing
   */
  static Map<String, String> parse(String[] args, String... required) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 == args.length || !args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
      }
      m.put(args[i], args[i + 1]);
    }
    for (String r : required) {
      if (!m.containsKey(r)) {
        throw new IllegalArgumentException("missing " + r);
      }
    }
    return m;
  }
}
