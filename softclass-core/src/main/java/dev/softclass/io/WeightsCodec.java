package dev.softclass.io;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code weights.bin} layout, all little-endian: the magic {@code SCWB}, an int32 version (1),
 * an int32 array count, then per array an int32 name length, the UTF-8 name, an int32 rank, int32
 * dimensions, and the float32 values.
 */
final class WeightsCodec {
  static final int VERSION = 1;
  private static final byte[] MAGIC = {'S', 'C', 'W', 'B'};

  private WeightsCodec() {}

  static byte[] encode(List<NamedArray> arrays) {
    long size = 12;
    for (NamedArray a : arrays) {
      size +=
          8
              + a.name().getBytes(StandardCharsets.UTF_8).length
              + 4L * a.shape().length
              + 4L * a.values().length;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("weights too large for one file: " + size + " bytes");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putInt(VERSION).putInt(arrays.size());
    for (NamedArray a : arrays) {
      byte[] name = a.name().getBytes(StandardCharsets.UTF_8);
      buf.putInt(name.length).put(name).putInt(a.shape().length);
      for (int s : a.shape()) {
        buf.putInt(s);
      }
      buf.asFloatBuffer().put(a.values());
      buf.position(buf.position() + 4 * a.values().length);
    }
    return buf.array();
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
      if (version != VERSION) {
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
          // Checked at every factor: eight int dimensions can overflow even a long.
          n *= shape[r];
          if (n * 4 > buf.remaining()) {
            throw new IllegalArgumentException(
                new String(name, StandardCharsets.UTF_8) + " runs past the end of weights.bin");
          }
        }
        if (n * 4 > buf.remaining()) {
          throw new IllegalArgumentException(
              new String(name, StandardCharsets.UTF_8) + " runs past the end of weights.bin");
        }
        float[] values = new float[(int) n];
        buf.asFloatBuffer().get(values);
        buf.position(buf.position() + 4 * values.length);
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
}
