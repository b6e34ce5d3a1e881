package dev.softclass.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.softclass.onnx.proto.Onnx.AttributeProto;
import dev.softclass.onnx.proto.Onnx.GraphProto;
import dev.softclass.onnx.proto.Onnx.NodeProto;
import dev.softclass.onnx.proto.Onnx.TensorProto;
import dev.softclass.onnx.proto.Onnx.TensorProto.DataType;
import dev.softclass.onnx.proto.Onnx.TensorShapeProto;
import dev.softclass.onnx.proto.Onnx.TypeProto;
import dev.softclass.onnx.proto.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A graph under construction: converters add constant tensors and nodes and get back the names of
 * the tensors they produce. Every name is unique (a prefix and a counter), so converters never need
 * to know of each other. Constants become graph initializers.
 */
public final class OnnxGraph {
  /** The domain of ONNX's traditional machine-learning operators. */
  public static final String ML_DOMAIN = "ai.onnx.ml";

  private final GraphProto.Builder graph;
  private final Map<String, Integer> counters = new HashMap<>();
  private boolean usesMl;

  /**
   * @param reserved names the graph's inputs and outputs use, which no converter may take
   */
  OnnxGraph(GraphProto.Builder graph, String... reserved) {
    this.graph = graph;
    for (String name : reserved) {
      counters.put(name, 1);
    }
  }

  /** A new unique tensor name starting with {@code prefix}. */
  public String name(String prefix) {
    int n = counters.merge(prefix, 1, Integer::sum);
    return n == 1 ? prefix : prefix + "_" + n;
  }

  /** A float32 constant of the given shape (row-major values). */
  public String floats(String prefix, float[] values, long... shape) {
    TensorProto.Builder t = tensor(prefix, DataType.FLOAT, values.length, shape);
    for (float v : values) {
      t.addFloatData(v);
    }
    return add(t);
  }

  /** A float64 constant of the given shape (row-major values). */
  public String doubles(String prefix, double[] values, long... shape) {
    TensorProto.Builder t = tensor(prefix, DataType.DOUBLE, values.length, shape);
    for (double v : values) {
      t.addDoubleData(v);
    }
    return add(t);
  }

  /** A float64 scalar (shape {@code []}), which broadcasts against any tensor. */
  public String scalar(String prefix, double value) {
    return doubles(prefix, new double[] {value});
  }

  /** An int64 constant of the given shape. */
  public String longs(String prefix, long[] values, long... shape) {
    TensorProto.Builder t = tensor(prefix, DataType.INT64, values.length, shape);
    for (long v : values) {
      t.addInt64Data(v);
    }
    return add(t);
  }

  /**
   * A large float32 constant of the given shape, stored as little-endian raw bytes (4 bytes a
   * value, as ONNX's {@code raw_data} is).
   */
  public String floatsRaw(String prefix, float[] values, long... shape) {
    TensorProto.Builder t = tensor(prefix, DataType.FLOAT, values.length, shape);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
    t.setRawData(UnsafeByteOperations.unsafeWrap(bytes.array())); // the array is ours alone
    return add(t);
  }

  /** A 1-D string constant (UTF-8). */
  public String strings(String prefix, List<String> values) {
    TensorProto.Builder t = tensor(prefix, DataType.STRING, values.size(), values.size());
    for (String v : values) {
      t.addStringData(ByteString.copyFrom(v, StandardCharsets.UTF_8));
    }
    return add(t);
  }

  private TensorProto.Builder tensor(String prefix, DataType type, int count, long... shape) {
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    if (size != count) {
      throw new IllegalArgumentException(count + " values for a tensor of " + size);
    }
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name(prefix)).setDataType(type.getNumber());
    for (long d : shape) {
      t.addDims(d);
    }
    return t;
  }

  private String add(TensorProto.Builder t) {
    graph.addInitializer(t);
    return t.getName();
  }

  /**
   * Adds a node of the default ({@code ai.onnx}) domain with one output.
   *
   * @param op the operator, for example {@code "Gemm"}
   * @param inputs input tensor names, in the operator's order
   * @return the output tensor's name
   */
  public String node(String op, List<String> inputs, AttributeProto... attributes) {
    String out = name(op.toLowerCase(Locale.ROOT));
    NodeProto.Builder n =
        NodeProto.newBuilder().setOpType(op).setName(name("node_" + out)).addOutput(out);
    n.addAllInput(inputs);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return out;
  }

  /**
   * Adds a node of the {@value #ML_DOMAIN} domain with one output; the exporter then imports that
   * domain's opset.
   *
   * @return the output tensor's name
   */
  public String mlNode(String op, List<String> inputs, AttributeProto... attributes) {
    usesMl = true;
    String out = name(op.toLowerCase(Locale.ROOT));
    NodeProto.Builder n =
        NodeProto.newBuilder()
            .setOpType(op)
            .setDomain(ML_DOMAIN)
            .setName(name("node_" + out))
            .addOutput(out);
    n.addAllInput(inputs);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return out;
  }

  /** Whether a node of the {@value #ML_DOMAIN} domain was added. */
  boolean usesMl() {
    return usesMl;
  }

  /**
   * Declares a graph input: a tensor of the given element type and shape; a String dimension is
   * symbolic (the batch), a Number a fixed size.
   *
   * @return the input's name
   */
  public String input(String name, DataType type, Object... dims) {
    graph.addInput(tensorInfo(name, type, dims));
    return name;
  }

  /** A tensor's type: element type and shape; a String dimension is symbolic (the batch). */
  static ValueInfoProto tensorInfo(String name, DataType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object dim : dims) {
      TensorShapeProto.Dimension.Builder b = TensorShapeProto.Dimension.newBuilder();
      if (dim instanceof String s) {
        b.setDimParam(s);
      } else {
        b.setDimValue(((Number) dim).longValue());
      }
      shape.addDim(b);
    }
    TypeProto.Tensor tensor =
        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tensor))
        .build();
  }

  /** {@link #node(String, List, AttributeProto...)} with inputs given one by one. */
  public String op(String op, String... inputs) {
    return node(op, List.of(inputs));
  }

  /** An integer attribute. */
  public static AttributeProto attr(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /** A string-list attribute (UTF-8). */
  public static AttributeProto attr(String name, List<String> values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
    for (String v : values) {
      a.addStrings(ByteString.copyFrom(v, StandardCharsets.UTF_8));
    }
    return a.build();
  }

  /** An integer-list attribute. */
  public static AttributeProto attr(String name, long[] values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  /** {@code Cast} to the given element type. */
  public String cast(String input, DataType to) {
    return node("Cast", List.of(input), attr("to", to.getNumber()));
  }

  /** Columns {@code [from, to)} of a 2-D tensor. */
  public String columns(String input, long from, long to) {
    return op(
        "Slice",
        input,
        longs("start", new long[] {from}, 1),
        longs("end", new long[] {to}, 1),
        longs("axis", new long[] {1}, 1));
  }
}
