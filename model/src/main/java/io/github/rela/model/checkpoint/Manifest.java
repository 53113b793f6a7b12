package io.github.rela.model.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rela.model.checkpoint.CheckpointException.Reason;
import io.github.rela.model.config.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code manifest.json}: the SHA-256 of every other file of a checkpoint, so that a truncated,
 * corrupted or swapped file is refused before anything is loaded.
 *
 * @param formatVersion version of the checkpoint layout
 * @param files file name to lower-case hexadecimal SHA-256
 */
public record Manifest(int formatVersion, Map<String, String> files) {
  public static final String FILE = "manifest.json";

  public Manifest {
    files = new TreeMap<>(files);
  }

  /** Hashes {@code names} inside {@code directory}. */
  public static Manifest of(Path directory, Collection<String> names) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (String name : names) {
      files.put(name, sha256(directory.resolve(name)));
    }
    return new Manifest(CheckpointConfig.FORMAT_VERSION, files);
  }

  public void write(Path directory) throws IOException {
    Json.mapper().writeValue(directory.resolve(FILE).toFile(), this);
  }

  /** Writes one file of a checkpoint. */
  @FunctionalInterface
  public interface FileWriter {
    void write(Path file) throws IOException;
  }

  /**
   * Writes (or replaces) file {@code name} of the checkpoint in {@code directory} and re-hashes the
   * manifest with it listed. The checkpoint is verified first, since a replaced file's old checksum
   * would fail afterwards.
   */
  public static void writeListed(Path directory, String name, FileWriter writer)
      throws IOException {
    Set<String> files = new TreeSet<>(readAndVerify(directory).files().keySet());
    writer.write(directory.resolve(name));
    files.add(name);
    of(directory, files).write(directory);
  }

  /** Reads and checks the manifest of {@code directory}, then every listed file's checksum. */
  public static Manifest readAndVerify(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException(
          Reason.MISSING_FILE, "checkpoint " + directory + " has no " + FILE);
    }
    Manifest manifest;
    try {
      JsonNode tree = Json.mapper().readTree(file.toFile());
      checkFormatVersion(tree, file);
      manifest = Json.mapper().treeToValue(tree, Manifest.class);
    } catch (CheckpointException e) {
      throw e;
    } catch (IOException e) {
      throw new CheckpointException(Reason.INVALID_CONFIG, file + " is not a valid manifest", e);
    }
    manifest.verify(directory);
    return manifest;
  }

  /** Refuses a file whose {@code format_version} this code does not read. */
  static void checkFormatVersion(JsonNode tree, Path file) throws CheckpointException {
    JsonNode version = tree.get("format_version");
    if (version == null || !version.canConvertToInt()) {
      throw new CheckpointException(Reason.INVALID_CONFIG, file + " has no format_version");
    }
    if (version.asInt() != CheckpointConfig.FORMAT_VERSION) {
      throw new CheckpointException(
          Reason.UNKNOWN_FORMAT_VERSION,
          file
              + " has format_version "
              + version.asInt()
              + ", this build reads version "
              + CheckpointConfig.FORMAT_VERSION);
    }
  }

  private void verify(Path directory) throws IOException {
    for (Map.Entry<String, String> entry : files.entrySet()) {
      Path file = directory.resolve(entry.getKey());
      if (!Files.isRegularFile(file)) {
        throw new CheckpointException(
            Reason.MISSING_FILE, "checkpoint file " + file + " listed in the manifest is missing");
      }
      String actual = sha256(file);
      if (!actual.equals(entry.getValue())) {
        throw new CheckpointException(
            Reason.CHECKSUM_MISMATCH,
            "checksum mismatch for "
                + file
                + ": manifest says "
                + entry.getValue()
                + ", file has "
                + actual
                + " (corrupted or modified)");
      }
    }
  }

  /** True when {@code name} is covered by this manifest. */
  public boolean lists(String name) {
    return files.containsKey(name);
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
