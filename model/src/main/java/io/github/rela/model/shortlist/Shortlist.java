package io.github.rela.model.shortlist;

import io.github.rela.model.checkpoint.KeyedTextFile;
import io.github.rela.model.tokenizer.SpecialIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A lexical vocabulary shortlist (Marian's lexical shortlist, CTranslate2's vocabulary map): the
 * target pieces a batch may produce are the most frequent target pieces plus, for every source
 * piece in the batch, the target pieces that co-occur with it in the training data. The output
 * layer then scores a few thousand pieces instead of the whole vocabulary.
 *
 * <p>File {@value #FILE} in a checkpoint directory (listed in the manifest), UTF-8 text:
 *
 * <pre>
 * # comment lines (how it was built)
 * frequent&lt;TAB&gt;id id id ...
 * &lt;source id&gt;&lt;TAB&gt;id id id ...      (one line per source piece seen in training)
 * </pre>
 *
 * <p>Source pieces without a line (never seen in training) add nothing; the frequent pieces are
 * always there.
 */
public final class Shortlist {
  public static final String FILE = "shortlist.txt";
  private static final String FREQUENT = "frequent";

  private final int[] frequent;
  private final Map<Integer, int[]> candidates;

  /**
   * @param frequent target pieces every batch may produce
   * @param candidates per source piece, the target pieces it brings in
   */
  public Shortlist(int[] frequent, Map<Integer, int[]> candidates) {
    this.frequent = Arrays.stream(frequent).sorted().toArray();
    this.candidates = Map.copyOf(candidates);
  }

  /** The shortlist of the checkpoint in {@code directory}, if it has one. */
  public static Optional<Shortlist> load(Path directory) throws IOException {
    Path file = directory.resolve(FILE);
    return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
  }

  /** Reads a shortlist file; a malformed line is an {@link IOException} naming it. */
  public static Shortlist read(Path file) throws IOException {
    List<int[]> frequent = new ArrayList<>(1);
    Map<Integer, int[]> candidates = new HashMap<>();
    KeyedTextFile.read(
        file,
        (number, key, value) -> {
          int[] ids = parseIds(file, number, value);
          if (key.equals(FREQUENT)) {
            frequent.add(ids);
          } else {
            candidates.put(KeyedTextFile.pieceId(file, number, key), ids);
          }
        });
    if (frequent.isEmpty()) {
      throw new IOException(file + ": no '" + FREQUENT + "' line");
    }
    return new Shortlist(frequent.get(0), candidates);
  }

  /** Writes the file, {@code comments} first (one {@code #} line each). */
  public void write(Path file, List<String> comments) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(FREQUENT, joined(frequent));
    new TreeMap<>(candidates).forEach((source, ids) -> entries.put(source.toString(), joined(ids)));
    KeyedTextFile.write(file, comments, entries);
  }

  /**
   * The target pieces a batch of sources may produce: EOS first, then the frequent pieces and every
   * source piece's candidates in ascending id order, without PAD and BOS (never generated).
   *
   * @param sources token ids of each source
   * @param vocabSize target vocabulary size V; ids outside [0, V) are an error
   */
  public int[] tokensFor(List<int[]> sources, SpecialIds specialIds, int vocabSize) {
    BitSet kept = new BitSet(vocabSize);
    add(kept, frequent, vocabSize);
    for (int[] source : sources) {
      for (int piece : source) {
        int[] brought = candidates.get(piece);
        if (brought != null) {
          add(kept, brought, vocabSize);
        }
      }
    }
    kept.clear(specialIds.padId());
    kept.clear(specialIds.bosId());
    kept.clear(specialIds.eosId());
    int[] tokens = new int[kept.cardinality() + 1];
    tokens[0] = specialIds.eosId();
    int next = 1;
    for (int id = kept.nextSetBit(0); id >= 0; id = kept.nextSetBit(id + 1)) {
      tokens[next++] = id;
    }
    return tokens;
  }

  /** Number of frequent pieces. */
  public int frequentCount() {
    return frequent.length;
  }

  /** Number of source pieces with candidates. */
  public int sourceCount() {
    return candidates.size();
  }

  private static void add(BitSet kept, int[] ids, int vocabSize) {
    for (int id : ids) {
      if (id < 0 || id >= vocabSize) {
        throw new IllegalArgumentException(
            "shortlist piece " + id + " is outside the target vocabulary of " + vocabSize);
      }
      kept.set(id);
    }
  }

  private static String joined(int[] ids) {
    return Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "));
  }

  private static int[] parseIds(Path file, int number, String text) throws IOException {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return new int[0];
    }
    String[] parts = trimmed.split(" ");
    int[] ids = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      ids[i] = KeyedTextFile.pieceId(file, number, parts[i]);
    }
    return ids;
  }
}
