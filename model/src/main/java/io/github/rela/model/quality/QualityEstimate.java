package io.github.rela.model.quality;

/**
 * What {@link QualityEstimator} says about one translation.
 *
 * @param quality estimated sentence chrF, 0 to 100
 * @param badProbability estimated probability that the translation is among the worst 10% (by
 *     sentence chrF on the calibration set)
 * @param lowConfidence true when {@code quality} is below the calibrated threshold
 * @param threshold that threshold, so that a reason can name it
 */
public record QualityEstimate(
    double quality, double badProbability, boolean lowConfidence, double threshold) {}
