package dev.softclass.io;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code weights.bin} layout, all little-endian: the magic {@code SCWB}, an int32 version, an
 * int32 array count, then per array an int32 name length, the UTF-8 name, an int32 rank, int32
 * dimensions, and the values. Version 1 stores every array's float32 values densely. Version 2 adds
 * an int32 encoding after the dimensions: 0 for dense float32 values, 1 for sparse ones (an int32
 * count, the ascending int32 positions of the values that are not {@code +0.0}, then those float32
 * values), used for arrays that are mostly zeros, such as L1-trained weights. Files whose arrays
 * are all dense are still written as version 1, so older readers keep loading them; both versions
 * read back bit-identically.
 */
final class WeightsCodec {
  static final int VERSION = 1;
  static final int SPARSE_VERSION = 2;
  private static final int DENSE = 0;
  private static final int SPARSE = 1;
  private static final byte[] MAGIC = {'S', 'C', 'W', 'B'};

  private WeightsCodec() {}

  static byte[] encode(List<NamedArray> arrays) {
    boolean anySparse = false;
    long size = 12;
    int[] stored = new int[arrays.size()];
    for (int i = 0; i < arrays.size(); i++) {
      NamedArray a = arrays.get(i);
      stored[i] = stored(a.values());
      anySparse |= sparse(stored[i], a.values().length);
    }
    for (int i = 0; i < arrays.size(); i++) {
      NamedArray a = arrays.get(i);
      size += 8 + a.name().getBytes(StandardCharsets.UTF_8).length + 4L * a.shape().length;
      if (anySparse) {
        size += 4;
      }
      size +=
          anySparse && sparse(stored[i], a.values().length)
              ? 4 + 8L * stored[i]
              : 4L * a.values().length;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("weights too large for one file: " + size + " bytes");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putInt(anySparse ? SPARSE_VERSION : VERSION).putInt(arrays.size());
    for (int i = 0; i < arrays.size(); i++) {
      NamedArray a = arrays.get(i);
      byte[] name = a.name().getBytes(StandardCharsets.UTF_8);
      buf.putInt(name.length).put(name).putInt(a.shape().length);
      for (int s : a.shape()) {
        buf.putInt(s);
      }
      float[] v = a.values();
      if (anySparse && sparse(stored[i], v.length)) {
        buf.putInt(SPARSE).putInt(stored[i]);
        for (int k = 0; k < v.length; k++) {
          if (Float.floatToRawIntBits(v[k]) != 0) {
            buf.putInt(k);
          }
        }
        for (float f : v) {
          if (Float.floatToRawIntBits(f) != 0) {
            buf.putFloat(f);
          }
        }
        continue;
      }
      if (anySparse) {
        buf.putInt(DENSE);
      }
      buf.asFloatBuffer().put(v);
      buf.position(buf.position() + 4 * v.length);
    }
    return buf.array();
  }

  /** Values that must be stored: all but exact {@code +0.0} (so {@code -0.0} survives). */
  private static int stored(float[] values) {
    int n = 0;
    for (float f : values) {
      if (Float.floatToRawIntBits(f) != 0) {
        n++;
      }
    }
    return n;
  }

  /** Sparse storage (8 bytes a value) pays when fewer than half the values are stored. */
  private static boolean sparse(int stored, int length) {
    return 4 + 8L * stored < 4L * length;
  }

  /**
   * @throws IllegalArgumentException describing the first inconsistency
   */
  static List<NamedArray> decode(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try {
      byte[] magic = new byte[4];
      buf.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("weights.bin does not start with SCWB");
      }
      int version = buf.getInt();
      if (version != VERSION && version != SPARSE_VERSION) {
        throw new IllegalArgumentException("weights.bin has layout version " + version);
      }
      int count = buf.getInt();
      if (count < 0 || count > 1_000_000) {
        throw new IllegalArgumentException("weights.bin claims " + count + " arrays");
      }
      List<NamedArray> arrays = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int nameLength = buf.getInt();
        if (nameLength < 0 || nameLength > buf.remaining()) {
          throw new IllegalArgumentException("bad array name length " + nameLength);
        }
        byte[] name = new byte[nameLength];
        buf.get(name);
        int rank = buf.getInt();
        if (rank < 0 || rank > 8) {
          throw new IllegalArgumentException("bad rank " + rank);
        }
        int[] shape = new int[rank];
        long n = 1;
        for (int r = 0; r < rank; r++) {
          shape[r] = buf.getInt();
          if (shape[r] < 0) {
            throw new IllegalArgumentException("negative dimension");
          }
          // Checked at every factor: eight int dimensions can overflow even a long. Only the
          // array limit here: a sparse array may hold more values than the bytes that follow.
          n *= shape[r];
          if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(
                new String(name, StandardCharsets.UTF_8) + " has more values than one array holds");
          }
        }
        int encoding = version == SPARSE_VERSION ? buf.getInt() : DENSE;
        String arrayName = new String(name, StandardCharsets.UTF_8);
        if (encoding != DENSE && encoding != SPARSE) {
          throw new IllegalArgumentException(arrayName + " has unknown encoding " + encoding);
        }
        if (n > Integer.MAX_VALUE - 16 || (encoding == DENSE && n * 4 > buf.remaining())) {
          throw new IllegalArgumentException(arrayName + " runs past the end of weights.bin");
        }
        float[] values = new float[(int) n];
        if (encoding == SPARSE) {
          readSparse(buf, arrayName, values);
        } else {
          buf.asFloatBuffer().get(values);
          buf.position(buf.position() + 4 * values.length);
        }
        arrays.add(new NamedArray(new String(name, StandardCharsets.UTF_8), shape, values));
      }
      if (buf.hasRemaining()) {
        throw new IllegalArgumentException(buf.remaining() + " unexpected bytes after the arrays");
      }
      return arrays;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("weights.bin ends early");
    }
  }

  /** Reads a sparse array's count, strictly increasing positions and values into {@code out}. */
  private static void readSparse(ByteBuffer buf, String name, float[] out) {
    int count = buf.getInt();
    if (count < 0 || count > out.length || 8L * count > buf.remaining()) {
      throw new IllegalArgumentException(name + " claims " + count + " stored values");
    }
    int[] at = new int[count];
    for (int k = 0; k < count; k++) {
      at[k] = buf.getInt();
      if (at[k] < 0 || at[k] >= out.length || (k > 0 && at[k] <= at[k - 1])) {
        throw new IllegalArgumentException(
            name + ": sparse position " + at[k] + " is out of order or outside the array");
      }
    }
    for (int k = 0; k < count; k++) {
      out[at[k]] = buf.getFloat();
    }
  }
}
