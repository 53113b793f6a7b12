package io.github.rela.streams.topology;

import io.github.rela.streams.inference.TranslatedSentence;
import io.github.rela.streams.settings.RelaStreamsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a translation is low-confidence: its null rate is at or above the threshold (the
 * ReLA signal), or its length-normalised log-probability is below the minimum score, when set.
 */
public record LowConfidenceRules(double nullRateThreshold, Double minScore) {

  public static LowConfidenceRules from(RelaStreamsConfig config) {
    return new LowConfidenceRules(
        config.getDouble(RelaStreamsConfig.NULL_RATE_THRESHOLD),
        config.getDouble(RelaStreamsConfig.MIN_SCORE));
  }

  /** The reasons that matched, joined, e.g. {@code nullRate 0.62 >= 0.50}; empty if none. */
  public Optional<String> reason(TranslatedSentence translation) {
    List<String> reasons = new ArrayList<>(2);
    if (translation.nullRate() >= nullRateThreshold) {
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
