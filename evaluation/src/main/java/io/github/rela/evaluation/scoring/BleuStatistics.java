package io.github.rela.evaluation.scoring;

import java.util.Arrays;

/**
 * BLEU's sufficient statistics: hypothesis and (closest) reference lengths, and per n-gram order
 * the clipped matches and the hypothesis n-gram count. Corpus BLEU sums these over segments before
 * it computes any ratio, which is why it is not the mean of sentence BLEUs.
 *
 * @param hypLength tokens in the hypotheses
 * @param refLength tokens in the closest references
 * @param correct clipped n-gram matches, index n-1 for order n
 * @param total hypothesis n-grams, index n-1 for order n
 */
public record BleuStatistics(long hypLength, long refLength, long[] correct, long[] total) {

  public BleuStatistics {
    if (correct.length != total.length) {
      throw new IllegalArgumentException("correct and total must have one entry per order");
    }
    correct = correct.clone();
    total = total.clone();
  }

  /** All-zero statistics for n-grams up to {@code maxOrder}. */
  public static BleuStatistics zero(int maxOrder) {
    return new BleuStatistics(0, 0, new long[maxOrder], new long[maxOrder]);
  }

  /** The element-wise sum with {@code other}. */
  public BleuStatistics plus(BleuStatistics other) {
    long[] sumCorrect = correct.clone();
    long[] sumTotal = total.clone();
    for (int i = 0; i < sumCorrect.length; i++) {
      sumCorrect[i] += other.correct[i];
      sumTotal[i] += other.total[i];
    }
    return new BleuStatistics(
        hypLength + other.hypLength, refLength + other.refLength, sumCorrect, sumTotal);
  }

  @Override
  public long[] correct() {
    return correct.clone();
  }

  @Override
  public long[] total() {
    return total.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BleuStatistics s
        && hypLength == s.hypLength
        && refLength == s.refLength
        && Arrays.equals(correct, s.correct)
        && Arrays.equals(total, s.total);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(hypLength + 31 * refLength) + Arrays.hashCode(correct)
        ^ Arrays.hashCode(total);
  }

  @Override
  public String toString() {
    return "BleuStatistics[hypLength=%d, refLength=%d, correct=%s, total=%s]"
        .formatted(hypLength, refLength, Arrays.toString(correct), Arrays.toString(total));
  }
}
