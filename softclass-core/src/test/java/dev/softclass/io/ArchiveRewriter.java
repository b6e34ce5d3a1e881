package dev.softclass.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * For the tests that edit or damage a saved model file: reads the archive's entries, replaces
 * {@code model.json} with its {@code SHA256SUMS} line made to match, and zips the entries again,
 * sealed as {@link ModelFile} writes archives or without a seal as files written before seals.
 */
public final class ArchiveRewriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether a rewritten archive gets the SHA-256 seal in its ZIP comment. */
  public enum Seal {
    /** Sealed as {@link ModelFile} seals the archives it writes. */
    SEALED,
    /** Without a ZIP comment, as files written before seals existed. */
    NONE
  }

  private ArchiveRewriter() {}

  /** The archive's entries by name, in the archive's order; the map may be changed. */
  public static Map<String, byte[]> entries(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> e = zip.entries();
      while (e.hasMoreElements()) {
        ZipEntry entry = e.nextElement();
        try (InputStream in = zip.getInputStream(entry)) {
          out.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return out;
  }

  /** The archive's {@code model.json}, parsed. */
  public static ObjectNode modelJson(Path file) throws IOException {
    return modelJson(entries(file));
  }

  /** The {@code model.json} entry of {@code entries}, parsed. */
  public static ObjectNode modelJson(Map<String, byte[]> entries) throws IOException {
    return (ObjectNode) JSON.readTree(entries.get("model.json"));
  }

  /**
   * The {@code SHA256SUMS} that {@link ModelFile} writes for the {@code model.json} and {@code
   * weights.bin} of {@code entries}.
   */
  public static byte[] sums(Map<String, byte[]> entries) {
    String text =
        sha256(entries.get("model.json"))
            + "  model.json\n"
            + sha256(entries.get("weights.bin"))
            + "  weights.bin\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The SHA-256 of {@code data} in lower-case hex, as {@code sha256sum} prints it. */
  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Replaces {@code SHA256SUMS} in {@code entries} with the checksums of the entries as they are.
   */
  public static void resum(Map<String, byte[]> entries) {
    entries.put("SHA256SUMS", sums(entries));
  }

  /**
   * Replaces {@code model.json} in {@code entries} with {@code json}, and the checksums to match.
   */
  public static void putModelJson(Map<String, byte[]> entries, JsonNode json)
      throws JsonProcessingException {
    entries.put("model.json", JSON.writeValueAsBytes(json));
    resum(entries);
  }

  /** Writes {@code entries} as a ZIP archive to {@code file}, in their order. */
  public static void write(Path file, Map<String, byte[]> entries, Seal seal) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (seal == Seal.SEALED) {
      ArchiveSeal.write(bytes, zip -> putAll(zip, entries));
    } else {
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        putAll(zip, entries);
      }
    }
    Files.write(file, bytes.toByteArray());
  }

  /**
   * Writes a copy of the archive {@code from} to {@code to} (which may be the same file) with
   * {@code json} as its {@code model.json} and the checksums to match.
   */
  public static void copyWithModelJson(Path from, Path to, JsonNode json, Seal seal)
      throws IOException {
    Map<String, byte[]> entries = entries(from);
    putModelJson(entries, json);
    write(to, entries, seal);
  }

  private static void putAll(ZipOutputStream zip, Map<String, byte[]> entries) throws IOException {
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      zip.putNextEntry(new ZipEntry(e.getKey()));
      zip.write(e.getValue());
      zip.closeEntry();
    }
  }
}
