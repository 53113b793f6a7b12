package io.github.rela.connect;

import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.model.translate.Translation;

/**
 * Flags a translation as low-confidence, with the streams app's rules: its estimated quality is
 * below the minimum (the configured one, else the threshold the checkpoint's quality.json was
 * calibrated with; no estimate, no rule), its null rate is at or above a threshold, or its
 * length-normalised log-probability is below a minimum. Each rule applies when set; any one flags.
 *
 * @param minQuality estimated chrF below this is flagged; null: the calibrated threshold
 * @param nullRateThreshold null rates at or above this are flagged; null disables the rule
 * @param minScore scores below this are flagged; null disables the rule
 */
public record LowConfidenceRule(Double minQuality, Double nullRateThreshold, Double minScore) {

  public boolean isLow(Translation translation) {
    QualityEstimate estimate = translation.quality().estimate();
    return (estimate != null
            && estimate.quality() < (minQuality != null ? minQuality : estimate.threshold()))
        || (nullRateThreshold != null && translation.nullRate() >= nullRateThreshold)
        || (minScore != null && translation.score() < minScore);
  }
}
