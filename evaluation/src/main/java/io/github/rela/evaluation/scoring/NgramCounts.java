package io.github.rela.evaluation.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** N-gram counting shared by BLEU (word n-grams) and chrF (character and word n-grams). */
final class NgramCounts {

  private NgramCounts() {}

  /** One empty map per order 1..maxOrder. */
  static List<Map<String, Integer>> emptyOrders(int maxOrder) {
    List<Map<String, Integer>> orders = new ArrayList<>(maxOrder);
    for (int n = 1; n <= maxOrder; n++) {
      orders.add(new HashMap<>());
    }
    return orders;
  }

  /** Word n-gram counts for orders 1..maxOrder (index n-1); keys join the words by a space. */
  static List<Map<String, Integer>> words(List<String> tokens, int maxOrder) {
    List<Map<String, Integer>> orders = emptyOrders(maxOrder);
    for (int n = 1; n <= maxOrder; n++) {
      Map<String, Integer> counts = orders.get(n - 1);
      for (int i = 0; i + n <= tokens.size(); i++) {
        counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
      }
    }
    return orders;
  }

  /**
   * Character n-gram counts for orders 1..maxOrder. Characters are Unicode code points, as in
   * Python strings, so a character outside the BMP counts once and not as two UTF-16 halves.
   */
  static List<Map<String, Integer>> characters(String text, int maxOrder) {
    int[] codePoints = text.codePoints().toArray();
    List<Map<String, Integer>> orders = emptyOrders(maxOrder);
    for (int n = 1; n <= maxOrder; n++) {
      Map<String, Integer> counts = orders.get(n - 1);
      for (int i = 0; i + n <= codePoints.length; i++) {
        counts.merge(new String(codePoints, i, n), 1, Integer::sum);
      }
    }
    return orders;
  }

  /** Raises every count in {@code into} to at least the count in {@code other}. */
  static void mergeMax(List<Map<String, Integer>> into, List<Map<String, Integer>> other) {
    for (int n = 0; n < into.size(); n++) {
      Map<String, Integer> target = into.get(n);
      other.get(n).forEach((ngram, count) -> target.merge(ngram, count, Math::max));
    }
  }

  /** The sum of all counts of one order. */
  static long sum(Map<String, Integer> counts) {
    long sum = 0;
    for (int count : counts.values()) {
      sum += count;
    }
    return sum;
  }
}
