package dev.softclass.train;

import dev.softclass.SoftclassException;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.io.AtomicFiles;
import dev.softclass.optim.EpochCheckpoints;
import dev.softclass.optim.TrainingState;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Checkpoints of one training run in a file. Layout (big-endian): the magic {@code SCCK}, an int32
 * layout version, the run's fingerprint (UTF), int32 epochs done, int64 steps, int32 array count,
 * per array its name (UTF), int32 length and float64 values, int32 float-array count, per array its
 * name (UTF), int32 length and float32 values, then the SHA-256 of all that. Layout 2 added the
 * float arrays (network and text-model weights); a layout-1 file is refused with a message. The
 * fingerprint hashes the settings (threads aside: they never change the result), the learning rate
 * and the training data, so a checkpoint is never continued with other data or settings.
 */
public final class CheckpointStore implements EpochCheckpoints {
  private static final byte[] MAGIC = {'S', 'C', 'C', 'K'};
  private static final int VERSION = 2;

  private final Checkpointing policy;
  private final String fingerprint;
  private long lastSave = System.nanoTime();
  private int resumedFrom;

  /**
   * A store saving and restoring as {@code policy} says, for the run of this fingerprint.
   *
   * @param fingerprint what identifies the run (settings and data), as {@link #fingerprint}
   *     computes it
   */
  public CheckpointStore(Checkpointing policy, String fingerprint) {
    this.policy = policy;
    this.fingerprint = fingerprint;
  }

  /**
   * The fingerprint of a run: its settings (training settings except threads, pipeline and balance
   * settings), the learning rate, and the rows the optimiser sees (after preprocessing and
   * resampling) with their loss weights and labels.
   *
   * @param rowWeights each row's loss weight, or null for all 1
   * @param labels the labels as int arrays (one array for single-label data; offsets and labels of
   *     the label sets for multi-label data)
   */
  static String fingerprint(
      Map<String, Object> settings,
      double lr,
      FeatureMatrix x,
      double[] rowWeights,
      int[]... labels) {
    Map<String, Object> params = new TreeMap<>(settings);
    params.remove("threads");
    MessageDigest d = sha256();
    d.update((params + " lr=" + lr).getBytes(StandardCharsets.UTF_8));
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    d.update(buf.putInt(x.rows()).putInt(x.cols()).putInt(labels.length).flip());
    buf.clear();
    for (int[] y : labels) {
      flushIfFull(d, buf, 4).putInt(y.length);
      for (int label : y) {
        flushIfFull(d, buf, 4).putInt(label);
      }
    }
    flushIfFull(d, buf, 1).put((byte) (rowWeights == null ? 0 : 1));
    if (rowWeights != null) {
      for (double w : rowWeights) {
        flushIfFull(d, buf, 8).putDouble(w);
      }
    }
    if (x instanceof CsrMatrix m) {
      for (int i : m.rowPtr()) {
        flushIfFull(d, buf, 4).putInt(i);
      }
      for (int i : m.indices()) {
        flushIfFull(d, buf, 4).putInt(i);
      }
      for (float v : m.values()) {
        flushIfFull(d, buf, 4).putFloat(v);
      }
    } else {
      for (float v : ((DenseMatrix) x).data()) {
        flushIfFull(d, buf, 4).putFloat(v);
      }
    }
    d.update(buf.flip());
    return java.util.HexFormat.of().formatHex(d.digest());
  }

  private static ByteBuffer flushIfFull(MessageDigest d, ByteBuffer buf, int need) {
    if (buf.remaining() < need) {
      d.update(buf.flip());
      buf.clear();
    }
    return buf;
  }

  /**
   * The fingerprint of a run given by its settings, learning rate and some integer arrays (the data
   * as the trainer sees it, such as token ids and labels).
   */
  public static String fingerprint(Map<String, Object> settings, double lr, int[]... data) {
    Map<String, Object> params = new TreeMap<>(settings);
    params.remove("threads");
    MessageDigest d = sha256();
    d.update((params + " lr=" + lr).getBytes(StandardCharsets.UTF_8));
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    flushIfFull(d, buf, 4).putInt(data.length);
    for (int[] a : data) {
      flushIfFull(d, buf, 4).putInt(a.length);
      for (int v : a) {
        flushIfFull(d, buf, 4).putInt(v);
      }
    }
    d.update(buf.flip());
    return java.util.HexFormat.of().formatHex(d.digest());
  }

  /** The epoch the run resumed after, or 0 if it started afresh. */
  public int resumedFrom() {
    return resumedFrom;
  }

  @Override
  public TrainingState restore() {
    Path file = policy.file();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException none) {
      return null;
    } catch (IOException e) {
      throw new SoftclassException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
    }
    if (!policy.resume()) {
      throw new SoftclassException(
          policy.dir()
              + " holds the checkpoint of an earlier run: add --resume to continue it, or remove "
              + file
              + " (or choose another --checkpoint-dir) to start afresh");
    }
    TrainingState state = decode(file, bytes);
    resumedFrom = state.epochsDone();
    return state;
  }

  private TrainingState decode(Path file, byte[] bytes) {
    int body = bytes.length - 32;
    if (body < MAGIC.length
        || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)
        || !MessageDigest.isEqual(
            Arrays.copyOfRange(bytes, body, bytes.length), sha256().digest(slice(bytes, body)))) {
      throw new SoftclassException(
          file + " is not a Softclass checkpoint, or a corrupt one: remove it to start afresh");
    }
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, body - MAGIC.length))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new SoftclassException(
            file
                + " has checkpoint layout "
                + version
                + " but this Softclass reads layout "
                + VERSION
                + (version < VERSION ? " (it was written by an older version)" : "")
                + ": remove it and train afresh, or resume with the version that wrote it");
      }
      if (!in.readUTF().equals(fingerprint)) {
        throw new SoftclassException(
            file
                + " is the checkpoint of another run (other data or settings): resume with the"
                + " same data and options, or remove it to start afresh");
      }
      int epochs = in.readInt();
      long steps = in.readLong();
      int count = in.readInt();
      Map<String, double[]> arrays = new LinkedHashMap<>();
      for (int a = 0; a < count; a++) {
        String name = in.readUTF();
        double[] values = new double[length(in, 8)];
        for (int i = 0; i < values.length; i++) {
          values[i] = in.readDouble();
        }
        arrays.put(name, values);
      }
      int floatCount = in.readInt();
      Map<String, float[]> floats = new LinkedHashMap<>();
      for (int a = 0; a < floatCount; a++) {
        String name = in.readUTF();
        float[] values = new float[length(in, 4)];
        for (int i = 0; i < values.length; i++) {
          values[i] = in.readFloat();
        }
        floats.put(name, values);
      }
      return new TrainingState(epochs, steps, arrays, floats);
    } catch (EOFException | NegativeArraySizeException e) {
      throw new SoftclassException(file + " is a malformed checkpoint: remove it to start afresh");
    } catch (IOException e) {
      throw new IllegalStateException("reading from memory cannot fail", e);
    }
  }

  /** An array length that the bytes left can hold ({@code -1} otherwise, which fails the read). */
  private static int length(DataInputStream in, int bytesEach) throws IOException {
    int n = in.readInt();
    return n >= 0 && n <= in.available() / bytesEach ? n : -1;
  }

  private static byte[] slice(byte[] bytes, int length) {
    return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
  }

  @Override
  public void afterEpoch(int epochsDone, Supplier<TrainingState> state) {
    boolean due =
        policy.everyEpochs() > 0
            ? epochsDone % policy.everyEpochs() == 0
            : System.nanoTime() - lastSave >= policy.every().toNanos();
    if (due) {
      save(state.get());
      lastSave = System.nanoTime();
    }
  }

  private void save(TrainingState state) {
    AtomicFiles.write(
        policy.file(),
        "the checkpoint",
        raw -> {
          MessageDigest digest = sha256();
          DataOutputStream out =
              new DataOutputStream(
                  new BufferedOutputStream(new DigestOutputStream(raw, digest), 1 << 16));
          out.write(MAGIC);
          out.writeInt(VERSION);
          out.writeUTF(fingerprint);
          out.writeInt(state.epochsDone());
          out.writeLong(state.steps());
          out.writeInt(state.arrays().size());
          for (Map.Entry<String, double[]> a : new TreeMap<>(state.arrays()).entrySet()) {
            out.writeUTF(a.getKey());
            out.writeInt(a.getValue().length);
            for (double v : a.getValue()) {
              out.writeDouble(v);
            }
          }
          out.writeInt(state.floats().size());
          for (Map.Entry<String, float[]> a : new TreeMap<>(state.floats()).entrySet()) {
            out.writeUTF(a.getKey());
            out.writeInt(a.getValue().length);
            for (float v : a.getValue()) {
              out.writeFloat(v);
            }
          }
          out.flush();
          raw.write(digest.digest());
        });
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
