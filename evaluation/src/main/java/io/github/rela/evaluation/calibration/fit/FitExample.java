package io.github.rela.evaluation.calibration.fit;

import io.github.rela.model.quality.QualityFeatures;

/**
 * One sentence of the fit set.
 *
 * @param features its quality features
 * @param chrf its sentence chrF (the label)
 * @param weight its weight in both fits
 * @param calibration true for the sentences that set the bad cut-off and the threshold (val); false
 *     for added examples such as wrong-language inputs, which only shape the weights
 */
public record FitExample(
    QualityFeatures features, double chrf, double weight, boolean calibration) {}
