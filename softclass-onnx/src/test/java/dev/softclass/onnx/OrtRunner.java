package dev.softclass.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.softclass.data.Dataset;
import dev.softclass.data.FeatureMatrix;
import java.util.Arrays;
import java.util.Map;

/** Runs an exported graph in ONNX Runtime on every row of a dataset. */
final class OrtRunner {
  /** ONNX Runtime's labels and probabilities for every row. */
  record Outputs(Object label, float[][] probabilities) {
    /** The class names (single-label models). */
    String[] labels() {
      return (String[]) label;
    }

    /** The 0/1 indicator of each label (multi-label models). */
    long[][] indicators() {
      return (long[][]) label;
    }
  }

  private OrtRunner() {}

  /**
   * Loads the serialised model (ONNX Runtime checks the graph, strictly) and runs it on all rows.
   */
  static Outputs run(byte[] onnx, Dataset data, int numFeatures) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = strict();
        OrtSession session = env.createSession(onnx, options);
        OnnxTensor input = OnnxTensor.createTensor(env, rows(data, numFeatures));
        OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
      Object labels = result.get(OnnxExporter.LABEL).orElseThrow().getValue();
      float[][] probabilities =
          (float[][]) result.get(OnnxExporter.PROBABILITIES).orElseThrow().getValue();
      return new Outputs(labels, probabilities);
    }
  }

  /**
   * Session options under which ONNX Runtime fails the load on any shape or type inference error
   * (by default it only logs some of them).
   */
  static OrtSession.SessionOptions strict() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.addConfigEntry("session.strict_shape_type_inference", "1");
    return options;
  }

  /**
   * The raw feature rows (NaN where a value is missing), dense; sparse rows are padded with zeros
   * or cut to the model's {@code numFeatures}, as Softclass reads them.
   */
  static float[][] rows(Dataset data, int numFeatures) {
    FeatureMatrix x = data.features();
    float[][] rows = new float[x.rows()][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = Arrays.copyOf(x.denseRow(r), numFeatures);
    }
    return rows;
  }
}
