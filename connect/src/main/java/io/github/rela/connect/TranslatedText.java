package io.github.rela.connect;

import io.github.rela.model.translate.Translation;

/**
 * What the transform writes for one text.
 *
 * @param translation the translation
 * @param score the length-normalised log-probability
 * @param nullRate the share of all-zero cross-attention rows
 * @param lowConfidence whether the {@link LowConfidenceRule} flags it
 * @param quality the model's quality estimate; null while {@link Translation} carries none
 */
public record TranslatedText(
    String translation, double score, double nullRate, boolean lowConfidence, Double quality) {

  /** The outputs of {@code translation}, judged by {@code rule}. */
  public static TranslatedText of(Translation translation, LowConfidenceRule rule) {
    double score = translation.score();
    double nullRate = translation.nullRate();
    // The model's Translation has no quality estimate yet (issue 15 adds one, from the
    // checkpoint's quality.json): the quality output stays null until it does.
    Double quality = null;
    return new TranslatedText(
        translation.translation(), score, nullRate, rule.isLow(nullRate, score), quality);
  }
}
