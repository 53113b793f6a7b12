package io.github.rela.model.lexical;

import io.github.rela.model.checkpoint.KeyedTextFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A lexical translation table: p(s | t), the probability that target piece t (or the empty word,
 * NULL) accounts for source piece s, as IBM Model 1 estimates it from the training data. The
 * quality features use it to ask, for each source piece, whether anything in the translation
 * explains it: a content word the translation dropped or mistranslated has no target piece that
 * translates it.
 *
 * <p>Only each target piece's most probable source pieces are kept; a pair not in the table has
 * probability 0.
 *
 * <p>File {@value #FILE} in a checkpoint directory (listed in the manifest), UTF-8 text:
 *
 * <pre>
 * # comment lines (how it was built)
 * null&lt;TAB&gt;s:p s:p ...                (the empty word)
 * &lt;target id&gt;&lt;TAB&gt;s:p s:p ...         (one line per target piece seen in training)
 * </pre>
 */
public final class LexicalTable {
  public static final String FILE = "lexicon.txt";
  private static final String NULL = "null";

  private final Row nullRow;
  private final Map<Integer, Row> rows;

  /**
   * @param nullRow p(s | NULL) per source piece s
   * @param rows per target piece t, p(s | t) per source piece s
   */
  public LexicalTable(Map<Integer, Double> nullRow, Map<Integer, Map<Integer, Double>> rows) {
    this.nullRow = Row.of(nullRow);
    Map<Integer, Row> packed = new HashMap<>();
    rows.forEach((target, row) -> packed.put(target, Row.of(row)));
    this.rows = Map.copyOf(packed);
  }

  /** The table of the checkpoint in {@code directory}, if it has one. */
  public static Optional<LexicalTable> load(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
  }

  /** Reads a table file; a malformed line is an {@link IOException} naming it. */
  public static LexicalTable read(Path file) throws IOException {
    Map<Integer, Map<Integer, Double>> rows = new HashMap<>();
    List<Map<Integer, Double>> nullRow = new ArrayList<>(1);
    KeyedTextFile.read(
        file,
        (number, key, value) -> {
          Map<Integer, Double> row = parseRow(file, number, value);
          if (key.equals(NULL)) {
            nullRow.add(row);
          } else {
            rows.put(KeyedTextFile.pieceId(file, number, key), row);
          }
        });
    if (nullRow.isEmpty()) {
      throw new IOException(file + ": no '" + NULL + "' line");
    }
    return new LexicalTable(nullRow.get(0), rows);
  }

  /** Writes the file, {@code comments} first (one {@code #} line each). */
  public void write(Path file, List<String> comments) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(NULL, nullRow.text());
    new TreeMap<>(rows).forEach((target, row) -> entries.put(target.toString(), row.text()));
    KeyedTextFile.write(file, comments, entries);
  }

  /** p(source | target); 0 for a pair the table does not hold. */
  public double probability(int source, int target) {
    Row row = rows.get(target);
    return row == null ? 0 : row.get(source);
  }

  /** p(source | NULL). */
  public double nullProbability(int source) {
    return nullRow.get(source);
  }

  /**
   * How well a translation accounts for one source piece: the largest p(source | t) over its pieces
   * t and NULL (Model 1's best single alignment link for that piece).
   */
  public double bestExplanation(int source, int[] targets) {
    double best = nullProbability(source);
    for (int target : targets) {
      best = Math.max(best, probability(source, target));
    }
    return best;
  }

  /** Number of target pieces with a row (NULL not counted). */
  public int targetCount() {
    return rows.size();
  }

  /** Number of (target or NULL, source) entries. */
  public int entryCount() {
    return nullRow.sources.length + rows.values().stream().mapToInt(r -> r.sources.length).sum();
  }

  /** One target's entries, sources ascending, for binary search. */
  private record Row(int[] sources, float[] probabilities) {

    static Row of(Map<Integer, Double> entries) {
      TreeMap<Integer, Double> sorted = new TreeMap<>(entries);
      int[] sources = new int[sorted.size()];
      float[] probabilities = new float[sorted.size()];
      int i = 0;
      for (Map.Entry<Integer, Double> entry : sorted.entrySet()) {
        double p = entry.getValue();
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException(
              "p(" + entry.getKey() + " | .) = " + p + " is not a probability");
        }
        sources[i] = entry.getKey();
        probabilities[i++] = (float) p;
      }
      return new Row(sources, probabilities);
    }

    double get(int source) {
      int at = Arrays.binarySearch(sources, source);
      return at < 0 ? 0 : probabilities[at];
    }

    String text() {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < sources.length; i++) {
        if (i > 0) {
          text.append(' ');
        }
        text.append(sources[i])
            .append(':')
            .append(String.format(Locale.ROOT, "%.4g", probabilities[i]));
      }
      return text.toString();
    }
  }

  private static Map<Integer, Double> parseRow(Path file, int number, String text)
      throws IOException {
    Map<Integer, Double> row = new HashMap<>();
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return row;
    }
    for (String entry : trimmed.split(" ")) {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IOException(file + ":" + number + ": '" + entry + "' is not <source>:<p>");
      }
      double p;
      try {
        p = Double.parseDouble(entry.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IOException(file + ":" + number + ": '" + entry + "' has no probability", e);
      }
      if (!(p >= 0 && p <= 1)) {
        throw new IOException(file + ":" + number + ": '" + entry + "' is not a probability");
      }
      row.put(KeyedTextFile.pieceId(file, number, entry.substring(0, colon)), p);
    }
    return row;
  }
}
