package io.github.rela.evaluation.scoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A BLEU score on the 0-100 scale, with the figures sacreBLEU prints next to it.
 *
 * @param score BLEU, 0-100
 * @param statistics the (summed) sufficient statistics the score came from
 * @param precisions n-gram precisions in percent, after smoothing
 * @param brevityPenalty exp(1 - ref/hyp) when the hypotheses are shorter, else 1
 */
public record BleuScore(
    double score, BleuStatistics statistics, double[] precisions, double brevityPenalty) {

  public BleuScore {
    precisions = precisions.clone();
  }

  @Override
  public double[] precisions() {
    return precisions.clone();
  }

  /** Hypothesis length over reference length, 0 without references. */
  public double ratio() {
    long ref = statistics.refLength();
    return ref == 0 ? 0.0 : (double) statistics.hypLength() / ref;
  }

  /** sacreBLEU's verbose part: {@code 65.1/41.3/28.0/19.7 (BP = 0.982 ratio = ...)}. */
  public String verbose() {
    String precisionText =
        Arrays.stream(precisions)
            .mapToObj(p -> String.format(Locale.ROOT, "%.1f", p))
            .collect(Collectors.joining("/"));
    return String.format(
        Locale.ROOT,
        "%s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
        precisionText,
        brevityPenalty,
        ratio(),
        statistics.hypLength(),
        statistics.refLength());
  }

  /** One line as sacreBLEU prints it, with {@code decimals} digits for the score. */
  public String format(int decimals) {
    return String.format(Locale.ROOT, "BLEU = %." + decimals + "f %s", score, verbose());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BleuScore s
        && Double.compare(score, s.score) == 0
        && statistics.equals(s.statistics)
        && Arrays.equals(precisions, s.precisions)
        && Double.compare(brevityPenalty, s.brevityPenalty) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(score) * 31 + statistics.hashCode();
  }

  @Override
  public String toString() {
    return format(2);
  }
}
