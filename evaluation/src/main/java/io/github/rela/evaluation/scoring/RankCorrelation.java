package io.github.rela.evaluation.scoring;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Spearman's rank correlation: Pearson's correlation of the ranks, with tied values sharing the
 * mean of the ranks they span (as {@code scipy.stats.spearmanr} does). Used to check whether
 * sentences with more null attention get lower chrF, a monotone rather than linear relation.
 */
public final class RankCorrelation {

  private RankCorrelation() {}

  /**
   * Spearman's rho of two paired samples; NaN when either sample is constant.
   *
   * @throws IllegalArgumentException when the samples differ in length or have fewer than 2 values
   */
  public static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "Samples differ in length: %d and %d".formatted(x.length, y.length));
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("Need at least 2 pairs, got " + x.length);
    }
    return pearson(averageRanks(x), averageRanks(y));
  }

  /** Ranks starting at 1; tied values get the average of their ranks. */
  public static double[] averageRanks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double rank = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        ranks[order[k]] = rank;
      }
      start = end + 1;
    }
    return ranks;
  }

  /** Pearson's correlation coefficient; NaN when either sample has zero variance. */
  public static double pearson(double[] x, double[] y) {
    double meanX = Arrays.stream(x).average().orElse(0);
    double meanY = Arrays.stream(y).average().orElse(0);
    double covariance = 0;
    double varianceX = 0;
    double varianceY = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      covariance += dx * dy;
      varianceX += dx * dx;
      varianceY += dy * dy;
    }
    if (varianceX == 0 || varianceY == 0) {
      return Double.NaN;
    }
    return covariance / Math.sqrt(varianceX * varianceY);
  }
}
