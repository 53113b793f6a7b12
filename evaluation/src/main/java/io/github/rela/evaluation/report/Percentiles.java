package io.github.rela.evaluation.report;

import java.util.Arrays;

/** Nearest-rank percentiles: always a value of the data, as reports quote them. */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The smallest value with at least {@code p} percent of the data at or below it.
   *
   * @param p in [0, 100]
   * @return NaN for no data
   */
  public static double nearestRank(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }
}
