package io.github.rela.model.quality.fit;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve of a score as a detector of positives: the probability that a random
 * positive scores higher than a random negative, ties counting half (the Mann-Whitney U statistic
 * over the product of the class sizes).
 */
public final class Auroc {

  private Auroc() {}

  /**
   * @param score [n], higher meaning "more likely positive"
   * @param positive [n]
   * @return the AUROC, NaN when either class is empty
   */
  public static double of(double[] score, boolean[] positive) {
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
    double rankSum = 0;
    long positives = 0;
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && score[order[end + 1]] == score[order[start]]) {
        end++;
      }
      double rank = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        if (positive[order[k]]) {
          rankSum += rank;
          positives++;
        }
      }
      start = end + 1;
    }
    long negatives = score.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
  }
}
