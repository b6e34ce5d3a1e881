package dev.softclass;

import com.fasterxml.jackson.databind.JsonNode;

/** For the tests that read reference results from JSON fixtures: JSON arrays as Java arrays. */
public final class JsonArrays {
  private JsonArrays() {}

  /** A JSON array of number arrays as rows. */
  public static double[][] matrix(JsonNode rows) {
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(rows.get(i));
    }
    return out;
  }

  /** A JSON array of numbers. */
  public static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  /** A JSON array of whole numbers. */
  public static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }
}
