package dev.softclass.onnx;

import static dev.softclass.onnx.OnnxGraph.attr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.Model;
import dev.softclass.Version;
import dev.softclass.body.Body;
import dev.softclass.body.LinearBody;
import dev.softclass.body.MlpBody;
import dev.softclass.calibrate.Calibrator;
import dev.softclass.calibrate.IsotonicCalibration;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.calibrate.PerLabelPlattScaling;
import dev.softclass.calibrate.PlattScaling;
import dev.softclass.calibrate.TemperatureScaling;
import dev.softclass.head.Head;
import dev.softclass.head.HingeHead;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.OutputLayer;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.io.AtomicFiles;
import dev.softclass.onnx.convert.ColumnEncoderConverter;
import dev.softclass.onnx.convert.FeatureTransformConverter;
import dev.softclass.onnx.convert.HingeHeadConverter;
import dev.softclass.onnx.convert.IndependentSigmoidHeadConverter;
import dev.softclass.onnx.convert.IsotonicConverter;
import dev.softclass.onnx.convert.LabelDecisionConverter;
import dev.softclass.onnx.convert.LinearBodyConverter;
import dev.softclass.onnx.convert.MlpBodyConverter;
import dev.softclass.onnx.convert.PerLabelPlattConverter;
import dev.softclass.onnx.convert.PlattConverter;
import dev.softclass.onnx.convert.SigmoidHeadConverter;
import dev.softclass.onnx.convert.SoftmaxHeadConverter;
import dev.softclass.onnx.convert.TemperatureConverter;
import dev.softclass.onnx.proto.Onnx.GraphProto;
import dev.softclass.onnx.proto.Onnx.ModelProto;
import dev.softclass.onnx.proto.Onnx.NodeProto;
import dev.softclass.onnx.proto.Onnx.OperatorSetIdProto;
import dev.softclass.onnx.proto.Onnx.StringStringEntryProto;
import dev.softclass.onnx.proto.Onnx.TensorProto.DataType;
import dev.softclass.onnx.proto.Onnx.ValueInfoProto;
import dev.softclass.preprocess.ColumnEncoder;
import dev.softclass.preprocess.FeatureTransform;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Exports a {@link Model} as an ONNX graph that takes the same raw features and gives the same
 * labels and probabilities.
 *
 * <p>The graph's input {@value #INPUT} is float32 {@code [N, numFeatures]}, raw feature values in
 * {@code model.featureNames()} order, NaN for a missing value. A model with categorical (one-hot)
 * columns has a second input, {@value #CATEGORIES}: string {@code [N, C]}, the category of each
 * categorical column in feature order (the empty string for a missing one); those columns' values
 * in {@value #INPUT} are ignored (see {@code ColumnEncoderConverter}). It has the two outputs of
 * sklearn-onnx's classifiers: {@value #LABEL}, the predicted class names (string {@code [N]}), and
 * {@value #PROBABILITIES}, float32 {@code [N, numClasses]} in {@code model.classes()} order; for a
 * multi-label model {@value #LABEL} is an int64 {@code [N, numLabels]} matrix with 1 for each
 * chosen label (sklearn-onnx's multi-label convention), by the model's label decision. The default
 * {@code ai.onnx} domain is used at opset {@value #OPSET} (IR version {@value #IR_VERSION}), and
 * {@code ai.onnx.ml} (opset {@value #ML_OPSET}) only for the {@code LabelEncoder} of categorical
 * columns: ONNX Runtime 1.13 and later run it.
 *
 * <p>Each kind of preprocessing, body, head and calibrator is converted by its own small converter,
 * looked up by the part's class; a model with a part that has none gets an {@link
 * UnsupportedModelException} naming that part. {@link #standard()} has every converter Softclass
 * ships; {@code with...} methods add or replace one. Immutable and thread-safe.
 */
public final class OnnxExporter {
  /** The {@code ai.onnx} opset the graphs are written for. */
  public static final int OPSET = 17;

  /**
   * The {@code ai.onnx.ml} opset, imported only by graphs that one-hot encode string categories
   * (its {@code LabelEncoder}).
   */
  public static final int ML_OPSET = 3;

  /** The ONNX IR version of the model files (the one that goes with opset 17). */
  public static final int IR_VERSION = 8;

  /** Name of the graph input. */
  public static final String INPUT = "features";

  /**
   * Name of the second graph input, present only when the model has categorical columns: string
   * {@code [N, C]}, one column per categorical column in feature order.
   */
  public static final String CATEGORIES = "categories";

  /** Name of the predicted-label output. */
  public static final String LABEL = "label";

  /** Name of the probabilities output. */
  public static final String PROBABILITIES = "probabilities";

  private final Map<Class<?>, TransformConverter<?>> transforms;
  private final Map<Class<?>, BodyConverter<?>> bodies;
  private final Map<Class<?>, HeadConverter<?>> heads;
  private final Map<Class<?>, CalibratorConverter<?>> calibrators;

  private OnnxExporter(
      Map<Class<?>, TransformConverter<?>> transforms,
      Map<Class<?>, BodyConverter<?>> bodies,
      Map<Class<?>, HeadConverter<?>> heads,
      Map<Class<?>, CalibratorConverter<?>> calibrators) {
    this.transforms = Map.copyOf(transforms);
    this.bodies = Map.copyOf(bodies);
    this.heads = Map.copyOf(heads);
    this.calibrators = Map.copyOf(calibrators);
  }

  /**
   * An exporter with no converter at all, to assemble one's own with the {@code with...} methods.
   */
  public static OnnxExporter empty() {
    return new OnnxExporter(Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** An exporter with every converter Softclass ships. */
  public static OnnxExporter standard() {
    return empty()
        .withTransform(ColumnEncoder.class, new ColumnEncoderConverter())
        .withTransform(FeatureTransform.class, new FeatureTransformConverter())
        .withBody(LinearBody.class, new LinearBodyConverter())
        .withBody(MlpBody.class, new MlpBodyConverter())
        .withHead(SigmoidHead.class, new SigmoidHeadConverter())
        .withHead(SoftmaxHead.class, new SoftmaxHeadConverter())
        .withHead(IndependentSigmoidHead.class, new IndependentSigmoidHeadConverter())
        .withHead(HingeHead.class, new HingeHeadConverter())
        .withCalibrator(TemperatureScaling.class, new TemperatureConverter())
        .withCalibrator(PlattScaling.class, new PlattConverter())
        .withCalibrator(PerLabelPlattScaling.class, new PerLabelPlattConverter())
        .withCalibrator(IsotonicCalibration.class, new IsotonicConverter());
  }

  /** This exporter with {@code converter} for preprocessing of class {@code kind}. */
  public <T> OnnxExporter withTransform(Class<T> kind, TransformConverter<? super T> converter) {
    Map<Class<?>, TransformConverter<?>> m = new LinkedHashMap<>(transforms);
    m.put(kind, converter);
    return new OnnxExporter(m, bodies, heads, calibrators);
  }

  /** This exporter with {@code converter} for bodies of class {@code kind}. */
  public <B extends Body> OnnxExporter withBody(Class<B> kind, BodyConverter<? super B> converter) {
    Map<Class<?>, BodyConverter<?>> m = new LinkedHashMap<>(bodies);
    m.put(kind, converter);
    return new OnnxExporter(transforms, m, heads, calibrators);
  }

  /** This exporter with {@code converter} for heads of class {@code kind}. */
  public <H extends Head> OnnxExporter withHead(Class<H> kind, HeadConverter<? super H> converter) {
    Map<Class<?>, HeadConverter<?>> m = new LinkedHashMap<>(heads);
    m.put(kind, converter);
    return new OnnxExporter(transforms, bodies, m, calibrators);
  }

  /** This exporter with {@code converter} for calibrators of class {@code kind}. */
  public <C extends Calibrator> OnnxExporter withCalibrator(
      Class<C> kind, CalibratorConverter<? super C> converter) {
    Map<Class<?>, CalibratorConverter<?>> m = new LinkedHashMap<>(calibrators);
    m.put(kind, converter);
    return new OnnxExporter(transforms, bodies, heads, m);
  }

  /**
   * The model as an ONNX {@code ModelProto}.
   *
   * @throws UnsupportedModelException if a part of the model has no converter
   */
  public ModelProto convert(Model model) {
    HeadConverter<Head> headConverter = find(heads, model.head(), "head", model.head().name());
    BodyConverter<Body> bodyConverter = find(bodies, model.body(), "body", model.body().name());
    TransformConverter<Object> columnsConverter =
        find(transforms, model.columns(), "preprocessing", "column encoding");
    TransformConverter<Object> transformConverter =
        find(transforms, model.transform(), "preprocessing", model.transform().mode().id());
    CalibratorConverter<Calibrator> calibratorConverter =
        model.calibrator().isEmpty()
            ? null
            : find(
                calibrators,
                model.calibrator().get(),
                "calibration",
                model.calibrator().get().method().id());

    GraphProto.Builder graph = GraphProto.newBuilder().setName("softclass");
    OnnxGraph g = new OnnxGraph(graph, INPUT, CATEGORIES, LABEL, PROBABILITIES);
    int d = model.numFeatures();
    int k = model.classes().size();
    graph.addInput(tensorInfo(INPUT, DataType.FLOAT, "N", d));

    String encoded = columnsConverter.convert(g, model.columns(), INPUT);
    String x = transformConverter.convert(g, model.transform(), encoded);
    String h = bodyConverter.convert(g, model.body(), x);
    // Softclass's bodies give float32; the output layer and everything after it are in double.
    String logits = outputLayer(g, model.outputLayer(), g.cast(h, DataType.DOUBLE));

    Head head = model.head();
    String probabilities;
    if (calibratorConverter == null) {
      probabilities = headConverter.probabilities(g, head, logits);
    } else {
      CalibratorConverter.BoundHead bound =
          new CalibratorConverter.BoundHead() {
            @Override
            public int numClasses() {
              return head.numClasses();
            }

            @Override
            public String probabilities(OnnxGraph graph, String z) {
              return headConverter.probabilities(graph, head, z);
            }

            @Override
            public String logOdds(OnnxGraph graph, String z) {
              return headConverter.logOdds(graph, head, z);
            }
          };
      probabilities = calibratorConverter.probabilities(g, model.calibrator().get(), bound, logits);
    }

    if (model.isMultiLabel()) {
      LabelDecision decision = model.labelDecision().orElse(LabelDecision.DEFAULT);
      graph.addNode(
          identity(LabelDecisionConverter.indicators(g, decision, probabilities, k), LABEL));
      graph.addOutput(tensorInfo(LABEL, DataType.INT64, "N", k));
    } else {
      graph.addNode(identity(singleLabel(g, model, probabilities), LABEL));
      graph.addOutput(tensorInfo(LABEL, DataType.STRING, "N"));
    }
    graph.addNode(identity(g.cast(probabilities, DataType.FLOAT), PROBABILITIES));
    graph.addOutput(tensorInfo(PROBABILITIES, DataType.FLOAT, "N", k));

    return header(g.usesMl())
        .setDocString(docString(model))
        .addAllMetadataProps(metadata(model))
        .setGraph(graph)
        .build();
  }

  /**
   * The fields every exported model has: the IR version, the default opset (and the ONNX-ML one if
   * {@code usesMl}), the producer, the domain and model version 1.
   */
  static ModelProto.Builder header(boolean usesMl) {
    ModelProto.Builder proto =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
    if (usesMl) {
      proto.addOpsetImport(
          OperatorSetIdProto.newBuilder().setDomain(OnnxGraph.ML_DOMAIN).setVersion(ML_OPSET));
    }
    return proto
        .setProducerName("softclass")
        .setProducerVersion(Version.get())
        .setDomain("dev.softclass")
        .setModelVersion(1);
  }

  /**
   * Writes the model as an ONNX file, atomically (temporary file, then rename).
   *
   * @throws UnsupportedModelException if a part of the model has no converter
   * @throws dev.softclass.SoftclassException if the file cannot be written
   */
  public void export(Model model, Path file) {
    write(convert(model), file);
  }

  /**
   * Writes a converted model to a file, atomically (temporary file, then rename).
   *
   * @throws dev.softclass.SoftclassException if the file cannot be written
   */
  public static void write(ModelProto proto, Path file) {
    AtomicFiles.write(file, "the ONNX model", proto::writeTo);
  }

  /** The class name chosen: the threshold of a binary model with one, else the argmax. */
  private static String singleLabel(OnnxGraph g, Model model, String probabilities) {
    String classIndex =
        model
            .threshold()
            .map(
                t -> {
                  String p1 = g.columns(probabilities, 1, 2);
                  String chosen = g.op("GreaterOrEqual", p1, g.scalar("threshold", t.value()));
                  String flat = g.op("Squeeze", chosen, g.longs("axes", new long[] {1}, 1));
                  return g.cast(flat, DataType.INT64);
                })
            .orElseGet(
                () ->
                    g.node("ArgMax", List.of(probabilities), attr("axis", 1), attr("keepdims", 0)));
    return g.op("Gather", g.strings("class_names", model.classes()), classIndex);
  }

  /** {@code logits = h W^T + b} in double, with the float32 weights as saved. */
  private static String outputLayer(OnnxGraph g, OutputLayer layer, String h) {
    float[] w = layer.weights();
    double[] wd = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      wd[i] = w[i];
    }
    float[] b = layer.bias();
    double[] bd = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      bd[i] = b[i];
    }
    return g.node(
        "Gemm",
        List.of(
            h,
            g.doubles("weights", wd, layer.outputs(), layer.inputs()),
            g.doubles("bias", bd, layer.outputs())),
        attr("transB", 1));
  }

  @SuppressWarnings("unchecked")
  private static <T> T find(Map<Class<?>, ?> converters, Object part, String what, String name) {
    Object c = converters.get(part.getClass());
    if (c == null) {
      TreeSet<String> known = new TreeSet<>();
      for (Class<?> kind : converters.keySet()) {
        known.add(kind.getSimpleName());
      }
      throw new UnsupportedModelException(
          what
              + " '"
              + name
              + "' ("
              + part.getClass().getSimpleName()
              + ") cannot be exported to ONNX yet; exportable "
              + what
              + " kinds: "
              + String.join(", ", known));
    }
    return (T) c;
  }

  /** A node that copies {@code from} to the graph output {@code to}. */
  static NodeProto identity(String from, String to) {
    return NodeProto.newBuilder()
        .setOpType("Identity")
        .setName("output_" + to)
        .addInput(from)
        .addOutput(to)
        .build();
  }

  private static ValueInfoProto tensorInfo(String name, DataType type, Object... dims) {
    return OnnxGraph.tensorInfo(name, type, dims);
  }

  private static String docString(Model model) {
    return "Softclass "
        + model.task()
        + " model: "
        + model.transform().mode().id()
        + " scaling, "
        + model.body().name()
        + " body, "
        + model.head().name()
        + " head"
        + model.calibrator().map(c -> ", " + c.method().id() + " calibration").orElse("")
        + model.threshold().map(t -> ", decision threshold " + t.value()).orElse("")
        + ". Input '"
        + INPUT
        + "': float32 [N, "
        + model.numFeatures()
        + "] raw features in the order of metadata 'feature_names' (NaN = missing)."
        + categoriesDoc(model.columns())
        + " Outputs '"
        + LABEL
        + "' (class names) and '"
        + PROBABILITIES
        + "' (float32 [N, "
        + model.classes().size()
        + "] in the order of metadata 'classes').";
  }

  private static String categoriesDoc(ColumnEncoder columns) {
    List<String> names = ColumnEncoderConverter.categoricalColumns(columns);
    if (names.isEmpty()) {
      return "";
    }
    return " Input '"
        + CATEGORIES
        + "': string [N, "
        + names.size()
        + "] the categories of columns "
        + String.join(", ", names)
        + " as written in the training data (empty = missing; an unknown category sets none of"
        + " its column's one-hot inputs).";
  }

  private static List<StringStringEntryProto> metadata(Model model) {
    ObjectMapper json = new ObjectMapper();
    try {
      return List.of(
          entry("classes", json.writeValueAsString(model.classes())),
          entry("feature_names", json.writeValueAsString(model.featureNames())),
          entry(
              "categorical_columns",
              json.writeValueAsString(ColumnEncoderConverter.categoricalColumns(model.columns()))),
          entry("softclass_version", Version.get()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lists of strings always serialise", e);
    }
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }
}
