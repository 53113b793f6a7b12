package io.github.rela.training.lexicon;

import io.github.rela.model.shortlist.Shortlist;
import io.github.rela.model.tokenizer.SpecialIds;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a {@link Shortlist} from a tokenized parallel corpus (the training data).
 *
 * <p>Counts are per sentence pair: c(s) sentences whose source has piece s, c(t) targets with piece
 * t, c(s, t) pairs with both. The frequent pieces are the {@code frequent} target pieces with the
 * largest c(t). Each source piece brings in the {@code perSource} other target pieces with the
 * largest Dice coefficient 2 c(s, t) / (c(s) + c(t)): unlike p(t | s) = c(s, t) / c(s), which every
 * common target piece scores high for every source piece, Dice ranks a piece's translations first
 * (on Multi30k, at equal sizes, it leaves about half as many test sentences with a model output
 * outside the shortlist).
 */
public final class ShortlistBuilder {
  private final int frequent;
  private final int perSource;
  private final SpecialIds specialIds;

  /**
   * @param frequent target pieces always in the shortlist (at least 0)
   * @param perSource target pieces each source piece brings in (at least 1)
   */
  public ShortlistBuilder(int frequent, int perSource, SpecialIds specialIds) {
    if (frequent < 0 || perSource < 1) {
      throw new IllegalArgumentException(
          "frequent must be >= 0 and per-source >= 1, got " + frequent + " and " + perSource);
    }
    this.frequent = frequent;
    this.perSource = perSource;
    this.specialIds = specialIds;
  }

  /**
   * Builds the shortlist.
   *
   * @param sources source piece ids of each sentence pair
   * @param targets target piece ids of each sentence pair
   * @param vocabSize size of both vocabularies' id range (ids are below it)
   */
  public Shortlist build(int[][] sources, int[][] targets, int vocabSize) {
    if (sources.length != targets.length) {
      throw new IllegalArgumentException(
          sources.length + " sources but " + targets.length + " targets");
    }
    int[][] sourceSets = new int[sources.length][];
    int[][] targetSets = new int[targets.length][];
    for (int i = 0; i < sources.length; i++) {
      sourceSets[i] = distinctPieces(sources[i]);
      targetSets[i] = distinctPieces(targets[i]);
    }
    int[] sourceCounts = counts(sourceSets, vocabSize); // c(s)
    int[] targetCounts = counts(targetSets, vocabSize); // c(t)
    int[] frequentPieces = mostFrequent(targetCounts);
    boolean[] isFrequent = new boolean[vocabSize];
    for (int piece : frequentPieces) {
      isFrequent[piece] = true;
    }
    long[] pairs = sortedPairs(sourceSets, targetSets, vocabSize); // s * V + t, one per pair
    Map<Integer, int[]> candidates = new HashMap<>();
    for (int start = 0; start < pairs.length; ) {
      int source = (int) (pairs[start] / vocabSize);
      int end = start;
      while (end < pairs.length && pairs[end] / vocabSize == source) {
        end++;
      }
      int[] best =
          bestByDice(pairs, start, end, vocabSize, sourceCounts[source], targetCounts, isFrequent);
      if (best.length > 0) {
        candidates.put(source, best);
      }
      start = end;
    }
    return new Shortlist(frequentPieces, candidates);
  }

  /** The distinct ordinary pieces of a sentence (specials never count). */
  private int[] distinctPieces(int[] ids) {
    return Arrays.stream(ids).filter(id -> !specialIds.contains(id)).distinct().toArray();
  }

  private static int[] counts(int[][] sets, int vocabSize) {
    int[] counts = new int[vocabSize];
    for (int[] set : sets) {
      for (int piece : set) {
        counts[piece]++;
      }
    }
    return counts;
  }

  /** The {@code frequent} target pieces with the largest counts, ties by id. */
  private int[] mostFrequent(int[] targetCounts) {
    Integer[] pieces = new Integer[targetCounts.length];
    for (int i = 0; i < pieces.length; i++) {
      pieces[i] = i;
    }
    Arrays.sort(pieces, (a, b) -> Integer.compare(targetCounts[b], targetCounts[a]));
    return Arrays.stream(pieces)
        .filter(piece -> targetCounts[piece] > 0)
        .limit(frequent)
        .mapToInt(Integer::intValue)
        .sorted()
        .toArray();
  }

  /** Every (source piece, target piece) co-occurrence as {@code s * V + t}, sorted. */
  private static long[] sortedPairs(int[][] sourceSets, int[][] targetSets, int vocabSize) {
    long total = 0;
    for (int i = 0; i < sourceSets.length; i++) {
      total += (long) sourceSets[i].length * targetSets[i].length;
    }
    long[] pairs = new long[Math.toIntExact(total)];
    int next = 0;
    for (int i = 0; i < sourceSets.length; i++) {
      for (int s : sourceSets[i]) {
        for (int t : targetSets[i]) {
          pairs[next++] = (long) s * vocabSize + t;
        }
      }
    }
    Arrays.sort(pairs);
    return pairs;
  }

  /**
   * The {@code perSource} non-frequent target pieces with the largest Dice coefficient among one
   * source piece's pairs {@code pairs[start, end)} (sorted, so equal pairs are adjacent).
   */
  private int[] bestByDice(
      long[] pairs,
      int start,
      int end,
      int vocabSize,
      int sourceCount,
      int[] targetCounts,
      boolean[] isFrequent) {
    int[] pieces = new int[end - start];
    double[] dice = new double[end - start];
    int distinct = 0;
    for (int i = start; i < end; ) {
      long pair = pairs[i];
      int target = (int) (pair % vocabSize);
      int together = 0; // c(s, t)
      while (i < end && pairs[i] == pair) {
        together++;
        i++;
      }
      if (!isFrequent[target]) {
        pieces[distinct] = target;
        dice[distinct] = 2.0 * together / (sourceCount + targetCounts[target]);
        distinct++;
      }
    }
    Integer[] order = new Integer[distinct];
    for (int k = 0; k < distinct; k++) {
      order[k] = k;
    }
    Arrays.sort(
        order,
        (a, b) -> dice[a] != dice[b] ? Double.compare(dice[b], dice[a]) : pieces[a] - pieces[b]);
    return Arrays.stream(order).limit(perSource).mapToInt(k -> pieces[k]).sorted().toArray();
  }
}
