package io.github.rela.model.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The speed of one model over another from batches they decoded side by side: the median of the
 * per-batch ratios, with a distribution-free 95% confidence interval.
 *
 * <p>Why pairs: the models of a cell take turns batch by batch on the same sources, so batch i of
 * each ran within a second of the other. On a shared VM the machine's speed drifts by more than the
 * differences measured here (the same model measured twice in one cell differs by up to 5% between
 * the two medians), and a ratio taken batch by batch cancels that drift, where a ratio of two
 * medians, or of each model's fastest round, does not.
 *
 * <p>The interval brackets the median by order statistics, ranks {@code n / 2 - 0.98 sqrt(n)} and
 * {@code 1 + n / 2 + 0.98 sqrt(n)} (the normal approximation to the binomial, good from about ten
 * pairs), and assumes nothing about the ratios' distribution.
 *
 * @param median median of the per-batch ratios {@code a / b} in sentences/s
 * @param low lower end of the 95% interval of the median
 * @param high upper end of the 95% interval of the median
 * @param pairs batches compared
 */
public record PairedRatio(double median, double low, double high, int pairs) {

  /**
   * Compares model a with model b from the times of the same batches.
   *
   * @param secondsA seconds each batch took model a, in the order decoded
   * @param secondsB seconds the same batches took model b, in the same order
   * @return how many times faster a is than b: {@code secondsB[i] / secondsA[i]} summarised
   */
  public static PairedRatio of(List<Double> secondsA, List<Double> secondsB) {
    if (secondsA.size() != secondsB.size() || secondsA.isEmpty()) {
      throw new IllegalArgumentException(
          "need the same batches for both models, got "
              + secondsA.size()
              + " and "
              + secondsB.size());
    }
    int n = secondsA.size();
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      ratios[i] = secondsB.get(i) / secondsA.get(i);
    }
    Arrays.sort(ratios);
    double halfWidth = 0.98 * Math.sqrt(n);
    // 1-based ranks floor(n/2 - h) and ceil(1 + n/2 + h), as 0-based indices
    int low = Math.max(0, (int) Math.floor(n / 2.0 - halfWidth) - 1);
    int high = Math.min(n - 1, (int) Math.ceil(1 + n / 2.0 + halfWidth) - 1);
    return new PairedRatio(median(ratios), ratios[low], ratios[high], n);
  }

  /** The median of sorted values. */
  static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
