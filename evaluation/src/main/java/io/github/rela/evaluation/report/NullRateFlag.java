package io.github.rela.evaluation.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well the low-confidence flag "sentence null rate >= threshold" (or any other per-sentence
 * flag, {@link #ofFlags}) finds the worst translations (the lowest sentence chrF): the streaming
 * app routes flagged results to the low-confidence topic, so this is what a reviewer of that topic
 * gains over reading a random sample.
 *
 * @param threshold the flag fires at a null rate at or above it
 * @param sentences sentences scored
 * @param flagged sentences flagged
 * @param worst sentences among the worst {@code worstShare} by chrF (ties broken by position)
 * @param flaggedWorst sentences both flagged and among the worst
 */
public record NullRateFlag(
    double threshold, int sentences, int flagged, int worst, int flaggedWorst) {

  /** The share of the corpus that counts as the worst translations. */
  public static final double WORST_SHARE = 0.10;

  /** Scores the flag at {@code threshold} on sentences with these null rates and chrF scores. */
  public static NullRateFlag of(double[] nullRates, double[] chrfs, double threshold) {
    if (nullRates.length != chrfs.length) {
      throw new IllegalArgumentException(
          nullRates.length + " null rates but " + chrfs.length + " chrF scores");
    }
    boolean[] flags = new boolean[nullRates.length];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = nullRates[i] >= threshold;
    }
    return ofFlags(flags, chrfs, threshold);
  }

  /**
   * Scores any per-sentence flag (e.g. the quality estimate's) the same way; {@code threshold} is
   * the one the flag was set with, for the report.
   */
  public static NullRateFlag ofFlags(boolean[] flags, double[] chrfs, double threshold) {
    int n = flags.length;
    int worstCount = n == 0 ? 0 : Math.max(1, (int) Math.ceil(WORST_SHARE * n));
    int[] worst =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> chrfs[i]))
            .limit(worstCount)
            .mapToInt(Integer::intValue)
            .toArray();
    int flagged = 0;
    for (boolean flag : flags) {
      flagged += flag ? 1 : 0;
    }
    int hits = (int) Arrays.stream(worst).filter(i -> flags[i]).count();
    return new NullRateFlag(threshold, n, flagged, worstCount, hits);
  }

  /**
   * The threshold that flags the {@code share} of sentences with the highest null rate (more when
   * several sentences tie at the threshold), e.g. calibrated on validation data.
   */
  public static double calibrate(double[] nullRates, double share) {
    if (nullRates.length == 0 || !(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "need null rates and a share in (0, 1], got " + nullRates.length + " and " + share);
    }
    double[] sorted = nullRates.clone();
    Arrays.sort(sorted);
    int flagged = Math.max(1, (int) Math.ceil(share * sorted.length));
    return sorted[sorted.length - flagged];
  }

  /** Of the flagged sentences, the share among the worst. */
  public double precision() {
    return flagged == 0 ? Double.NaN : (double) flaggedWorst / flagged;
  }

  /** Of the worst sentences, the share flagged. */
  public double recall() {
    return worst == 0 ? Double.NaN : (double) flaggedWorst / worst;
  }

  /** Of the sentences not flagged, the share among the worst. */
  public double unflaggedWorstRate() {
    int unflagged = sentences - flagged;
    return unflagged == 0 ? Double.NaN : (double) (worst - flaggedWorst) / unflagged;
  }

  /**
   * How many times more often a flagged sentence is among the worst than an unflagged one (1: the
   * flag is no better than chance).
   */
  public double lift() {
    return precision() / unflaggedWorstRate();
  }
}
