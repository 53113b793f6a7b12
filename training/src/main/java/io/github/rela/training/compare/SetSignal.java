package io.github.rela.training.compare;

import io.github.rela.evaluation.report.NullRateFlag;

/**
 * The null rate as a quality signal on one test set.
 *
 * @param spearman rank correlation of sentence null rate with sentence chrF (negative: a higher
 *     null rate goes with worse translations)
 * @param flag the low-confidence flag at the threshold calibrated on validation data
 */
public record SetSignal(double spearman, NullRateFlag flag) {}
