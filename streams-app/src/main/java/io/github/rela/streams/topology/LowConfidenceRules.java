package io.github.rela.streams.topology;

import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.streams.inference.TranslatedSentence;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a translation is low-confidence: its estimated quality is below the minimum (the
 * configured one, else the threshold its checkpoint's quality.json was calibrated with), its null
 * rate is at or above the threshold, or its length-normalised log-probability is below the minimum
 * score. Each rule applies when set (the quality rule: when the translation carries an estimate);
 * any rule that matches flags the translation.
 */
public record LowConfidenceRules(Double minQuality, Double nullRateThreshold, Double minScore) {

  public static LowConfidenceRules from(RelaStreamsConfig config) {
    return new LowConfidenceRules(
        config.getDouble(RelaStreamsConfig.MIN_QUALITY),
        config.getDouble(RelaStreamsConfig.NULL_RATE_THRESHOLD),
        config.getDouble(RelaStreamsConfig.MIN_SCORE));
  }

  /**
   * The reasons that matched, joined, e.g. {@code quality 31.2 < 40.5 (estimated chrF)}; empty if
   * none.
   */
  public Optional<String> reason(TranslatedSentence translation) {
    List<String> reasons = new ArrayList<>(3);
    QualityEstimate estimate = translation.quality();
    if (estimate != null) {
      double min = minQuality != null ? minQuality : estimate.threshold();
      if (estimate.quality() < min) {
        reasons.add(
            String.format(
                Locale.ROOT, "quality %.1f < %.1f (estimated chrF)", estimate.quality(), min));
      }
    }
    if (nullRateThreshold != null && translation.nullRate() >= nullRateThreshold) {
      reasons.add(
          String.format(
              Locale.ROOT, "nullRate %.3f >= %.3f", translation.nullRate(), nullRateThreshold));
    }
    if (minScore != null && translation.score() < minScore) {
      reasons.add(String.format(Locale.ROOT, "score %.3f < %.3f", translation.score(), minScore));
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }
}
