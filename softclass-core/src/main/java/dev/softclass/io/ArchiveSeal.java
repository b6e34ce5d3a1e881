package dev.softclass.io;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipOutputStream;

/**
 * A SHA-256 of a whole ZIP archive, kept in the archive's own comment: {@code softclass-sha256:}
 * and 64 hex digits, covering every byte before the comment itself. The per-entry checksums only
 * protect the entries' contents; the seal also covers the headers (timestamps, attributes, sizes)
 * that a ZIP reader may ignore, so that no single corrupted byte goes unnoticed.
 */
final class ArchiveSeal {
  static final String PREFIX = "softclass-sha256:";
  private static final int EOCD_BYTES = 22;
  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int COMMENT_BYTES = PREFIX.length() + 64;

  private ArchiveSeal() {}

  /** Writes the entries of a ZIP archive. */
  @FunctionalInterface
  interface Entries {
    void writeTo(ZipOutputStream zip) throws IOException;
  }

  /**
   * Writes a sealed archive to {@code out}: the entries pass straight through while being hashed;
   * only the central directory and the end record are held back, to append the comment.
   */
  static void write(OutputStream out, Entries entries) throws IOException {
    MessageDigest digest = sha256();
    TailHolder sink = new TailHolder(out, digest);
    ZipOutputStream zip = new ZipOutputStream(sink);
    entries.writeTo(zip);
    sink.holdBack();
    zip.finish();
    byte[] tail = sink.tail.toByteArray();
    int eocd = tail.length - EOCD_BYTES;
    if (eocd < 0 || readInt(tail, eocd) != EOCD_SIGNATURE || readShort(tail, eocd + 20) != 0) {
      throw new IllegalStateException("the ZIP writer ended without a plain end record");
    }
    tail[eocd + 20] = (byte) COMMENT_BYTES;
    tail[eocd + 21] = (byte) (COMMENT_BYTES >>> 8);
    digest.update(tail);
    byte[] comment =
        (PREFIX + HexFormat.of().formatHex(digest.digest())).getBytes(StandardCharsets.US_ASCII);
    out.write(tail);
    out.write(comment);
  }

  /**
   * Checks the seal of {@code file}, whose ZIP comment is {@code comment}.
   *
   * @return false if the archive has no comment (a file written before seals existed)
   * @throws IllegalArgumentException saying what does not match
   */
  static boolean verify(Path file, String comment) throws IOException {
    if (comment == null || comment.isEmpty()) {
      return false;
    }
    if (!comment.startsWith(PREFIX) || comment.length() != COMMENT_BYTES) {
      throw new IllegalArgumentException("its ZIP comment is not a Softclass seal");
    }
    long covered = Files.size(file) - comment.getBytes(StandardCharsets.UTF_8).length;
    MessageDigest digest = sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      long left = covered;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        digest.update(buffer, 0, n);
        left -= n;
      }
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (covered < 0 || !actual.equals(comment.substring(PREFIX.length()))) {
      throw new IllegalArgumentException(
          "its bytes do not match the SHA-256 sealed in its ZIP comment");
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static int readShort(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static int readInt(byte[] b, int at) {
    return readShort(b, at) | readShort(b, at + 2) << 16;
  }

  /** Passes bytes through and hashes them until told to hold the rest back. */
  private static final class TailHolder extends FilterOutputStream {
    private final MessageDigest digest;
    private final ByteArrayOutputStream tail = new ByteArrayOutputStream();
    private boolean holding;

    TailHolder(OutputStream out, MessageDigest digest) {
      super(out);
      this.digest = digest;
    }

    void holdBack() {
      holding = true;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (holding) {
        tail.write(b, off, len);
      } else {
        digest.update(b, off, len);
        out.write(b, off, len);
      }
    }
  }
}
