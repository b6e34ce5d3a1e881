package dev.softclass.ensemble;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.io.AtomicFiles;
import dev.softclass.io.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The ensemble file: a {@code .softclass} ZIP archive holding {@code ensemble.json} (format {@code
 * softclass-ensemble}, version, method, classes, features, each member's entry and weight, the
 * meta-model's entry, info), each member as a complete model file {@code members/N.softclass} (N
 * from 1), the stacking meta-model as {@code meta.softclass}, and {@code SHA256SUMS} over every
 * other entry. Nested entries are byte-for-byte ordinary model files, so any of them can be
 * unzipped and used alone. Written atomically; read with every checksum checked.
 */
public final class EnsembleFile {
  static final String FORMAT = "softclass-ensemble";
  static final int VERSION = 1;
  static final String ENSEMBLE_JSON = "ensemble.json";
  static final String META = "meta.softclass";
  static final String CHECKSUMS = "SHA256SUMS";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EnsembleFile() {}

  /** Whether {@code file} is a ZIP archive with an {@code ensemble.json} entry. */
  public static boolean isEnsemble(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return zip.getEntry(ENSEMBLE_JSON) != null;
    } catch (IOException e) {
      return false; // the model reader explains what is wrong with the file
    }
  }

  /**
   * Writes {@code ensemble} to {@code file} atomically.
   *
   * @throws SoftclassException if the file cannot be written
   */
  public static void write(Ensemble ensemble, Path file) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    List<Map<String, Object>> members = new ArrayList<>();
    double[] weights = ensemble.weights();
    for (int i = 0; i < ensemble.members().size(); i++) {
      String name = "members/" + (i + 1) + ".softclass";
      entries.put(name, bytesOf(ensemble.members().get(i)));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("entry", name);
      m.put("weight", weights[i]);
      members.add(m);
    }
    ensemble.meta().ifPresent(meta -> entries.put(META, bytesOf(meta)));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("format", FORMAT);
    d.put("format_version", VERSION);
    d.put("method", ensemble.method());
    d.put("task", ensemble.task());
    d.put("classes", ensemble.classes());
    d.put("features", Map.of("count", ensemble.numFeatures(), "names", ensemble.featureNames()));
    d.put("members", members);
    if (ensemble.meta().isPresent()) {
      d.put("meta", Map.of("entry", META));
    }
    d.put("training", ensemble.info().training());
    d.put("metrics", ensemble.info().metrics());
    d.put("provenance", ensemble.info().provenance());
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(d);
    } catch (IOException e) {
      throw new IllegalStateException("ensemble metadata cannot be written as JSON", e);
    }
    Map<String, byte[]> all = new LinkedHashMap<>();
    all.put(ENSEMBLE_JSON, json);
    all.putAll(entries);
    StringBuilder sums = new StringBuilder();
    for (Map.Entry<String, byte[]> e : all.entrySet()) {
      sums.append(sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
    }
    all.put(CHECKSUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(
        file,
        "the ensemble",
        out -> {
          ZipOutputStream zip = new ZipOutputStream(out);
          for (Map.Entry<String, byte[]> e : all.entrySet()) {
            ZipEntry entry = new ZipEntry(e.getKey());
            entry.setTime(0); // same ensemble, same bytes
            zip.putNextEntry(entry);
            zip.write(e.getValue());
            zip.closeEntry();
          }
          zip.finish();
        });
  }

  /**
   * Reads an ensemble, checking the archive, the format, every checksum and every member.
   *
   * @throws ModelFileException saying exactly what is wrong with the file
   */
  public static Ensemble read(Path file) {
    String name = file.toString();
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      var it = zip.entries();
      while (it.hasMoreElements()) {
        ZipEntry e = it.nextElement();
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (ZipException e) {
      throw new ModelFileException(name, "not a readable ZIP archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelFileException(name, "cannot be read: " + e.getMessage(), e);
    }
    byte[] json = require(name, entries, ENSEMBLE_JSON);
    checkSums(name, new String(require(name, entries, CHECKSUMS), StandardCharsets.UTF_8), entries);
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new ModelFileException(name, "ensemble.json is not valid JSON: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new ModelFileException(name, "ensemble.json does not describe a Softclass ensemble");
    }
    int version = root.path("format_version").asInt(-1);
    if (version < 1 || version > VERSION) {
      throw new ModelFileException(
          name,
          "ensemble format version "
              + version
              + " is not one this Softclass reads (1 to "
              + VERSION
              + "): upgrade Softclass to load it");
    }
    JsonNode memberNodes = root.path("members");
    if (!memberNodes.isArray() || memberNodes.size() < 2) {
      throw new ModelFileException(name, "ensemble.json lists fewer than two members");
    }
    List<Model> members = new ArrayList<>();
    double[] weights = new double[memberNodes.size()];
    for (int i = 0; i < memberNodes.size(); i++) {
      JsonNode m = memberNodes.get(i);
      String entry = m.path("entry").asText();
      members.add(nested(name, entry, require(name, entries, entry)));
      if (!m.path("weight").isNumber()) {
        throw new ModelFileException(name, "ensemble.json: member " + (i + 1) + " has no weight");
      }
      weights[i] = m.path("weight").asDouble();
    }
    Model meta = null;
    if (root.has("meta")) {
      String entry = root.path("meta").path("entry").asText();
      meta = nested(name, entry, require(name, entries, entry));
    } else if ("stacking".equals(root.path("method").asText())) {
      throw new ModelFileException(name, "a stacking ensemble without its meta-model");
    }
    TypeReference<Map<String, Object>> type = new TypeReference<>() {};
    ModelInfo info =
        new ModelInfo(
            JSON.convertValue(root.path("training"), type),
            JSON.convertValue(root.path("metrics"), type),
            JSON.convertValue(root.path("provenance"), type));
    try {
      return new Ensemble(members, weights, meta, info);
    } catch (SoftclassException | IllegalArgumentException e) {
      throw new ModelFileException(name, "the members do not fit together: " + e.getMessage(), e);
    }
  }

  /** A nested model file, read through a temporary file with the model file reader's checks. */
  private static Model nested(String file, String entry, byte[] bytes) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("softclass-member", ".softclass");
      Files.write(tmp, bytes);
      return Model.load(tmp);
    } catch (ModelFileException e) {
      throw new ModelFileException(
          file, entry + ": " + e.getMessage().replace(String.valueOf(tmp), entry), e);
    } catch (IOException e) {
      throw new ModelFileException(file, entry + " cannot be unpacked: " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static byte[] bytesOf(Model model) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("softclass-member", ".softclass");
      model.save(tmp);
      return Files.readAllBytes(tmp);
    } catch (IOException e) {
      throw new SoftclassException("cannot write an ensemble member: " + e.getMessage());
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a leftover temporary file is harmless
      }
    }
  }

  private static byte[] require(String file, Map<String, byte[]> entries, String entry) {
    byte[] b = entries.get(entry);
    if (b == null) {
      throw new ModelFileException(file, "the ensemble archive has no " + entry);
    }
    return b;
  }

  private static void checkSums(String file, String sums, Map<String, byte[]> entries) {
    Map<String, String> expected = new HashMap<>();
    for (String line : sums.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2) {
        expected.put(parts[1], parts[0]);
      }
    }
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (e.getKey().equals(CHECKSUMS)) {
        continue;
      }
      String want = expected.get(e.getKey());
      if (want == null) {
        throw new ModelFileException(file, "SHA256SUMS has no checksum for " + e.getKey());
      }
      if (!want.equals(sha256(e.getValue()))) {
        throw new ModelFileException(
            file, e.getKey() + " is corrupt: its SHA-256 differs from the one recorded");
      }
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
