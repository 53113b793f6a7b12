package io.github.rela.connect;

import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.model.translate.Translation;

/**
 * What the transform writes for one text.
 *
 * @param translation the translation
 * @param score the length-normalised log-probability
 * @param nullRate the share of all-zero cross-attention rows
 * @param lowConfidence whether the {@link LowConfidenceRule} flags it
 * @param quality the estimated sentence chrF; null when the checkpoint has no quality.json
 */
public record TranslatedText(
    String translation, double score, double nullRate, boolean lowConfidence, Double quality) {

  /** The outputs of {@code translation}, judged by {@code rule}. */
  public static TranslatedText of(Translation translation, LowConfidenceRule rule) {
    QualityEstimate estimate = translation.quality().estimate();
    return new TranslatedText(
        translation.translation(),
        translation.score(),
        translation.nullRate(),
        rule.isLow(translation),
        estimate == null ? null : estimate.quality());
  }
}
