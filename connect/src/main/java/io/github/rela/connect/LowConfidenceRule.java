package io.github.rela.connect;

/**
 * Flags a translation as low-confidence when its null rate is at or above a threshold (the ReLA
 * signal the streams app uses, {@code rela.low.confidence.null.rate}), or its length-normalised
 * log-probability is below a minimum, when one is set.
 *
 * @param nullRateThreshold null rates at or above this are flagged
 * @param minScore scores below this are flagged; null disables the rule
 */
public record LowConfidenceRule(double nullRateThreshold, Double minScore) {

  public boolean isLow(double nullRate, double score) {
    return nullRate >= nullRateThreshold || (minScore != null && score < minScore);
  }
}
