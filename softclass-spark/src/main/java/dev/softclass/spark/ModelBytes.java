package dev.softclass.spark;

import dev.softclass.Model;
import dev.softclass.io.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Models as the bytes of their {@code .softclass} file, and back. */
final class ModelBytes {
  private ModelBytes() {}

  /** Reads a model from the bytes of a {@code .softclass} file (checksums and shapes checked). */
  static Model read(byte[] file) {
    try {
      Path dir = Files.createTempDirectory("softclass-spark");
      Path path = dir.resolve("model.softclass");
      try {
        Files.write(path, file);
        return ModelFile.read(path);
      } finally {
        Files.deleteIfExists(path);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of a model's {@code .softclass} file. */
  static byte[] write(Model model) {
    try {
      Path dir = Files.createTempDirectory("softclass-spark");
      Path path = dir.resolve("model.softclass");
      try {
        ModelFile.write(model, path);
        return Files.readAllBytes(path);
      } finally {
        Files.deleteIfExists(path);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
