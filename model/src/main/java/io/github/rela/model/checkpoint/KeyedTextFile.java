package io.github.rela.model.checkpoint;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The text layout of a checkpoint's lexical files (the vocabulary shortlist, the lexical table):
 * UTF-8, {@code #} comment lines saying how the file was built, then one {@code <key><TAB><value>}
 * line per entry. Blank lines are skipped.
 */
public final class KeyedTextFile {
  private KeyedTextFile() {}

  /** Receives one entry line; its number (from 1) names it in an error. */
  @FunctionalInterface
  public interface Entry {
    void accept(int number, String key, String value) throws IOException;
  }

  /** Reads {@code file}, handing each entry line to {@code entry} in file order. */
  public static void read(Path file, Entry entry) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      for (int number = 1; (line = reader.readLine()) != null; number++) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new IOException(file + ":" + number + ": expected <key><TAB><value>");
        }
        entry.accept(number, line.substring(0, tab), line.substring(tab + 1));
      }
    }
  }

  /** Writes {@code comments} (one {@code #} line each), then {@code entries} in their order. */
  public static void write(Path file, List<String> comments, Map<String, String> entries)
      throws IOException {
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String comment : comments) {
        writer.write("# " + comment + "\n");
      }
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        writer.write(entry.getKey() + "\t" + entry.getValue() + "\n");
      }
    }
  }

  /**
   * A piece id read from line {@code number} of {@code file}; an {@link IOException} naming both.
   */
  public static int pieceId(Path file, int number, String text) throws IOException {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + ":" + number + ": '" + text + "' is not a piece id", e);
    }
  }
}
