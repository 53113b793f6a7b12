package io.github.rela.evaluation.calibration;

import io.github.rela.evaluation.scoring.RankCorrelation;

/**
 * Partial rank correlation of a feature with chrF, source length held fixed: {@code (r_xy - r_xz
 * r_yz) / sqrt((1 - r_xz^2)(1 - r_yz^2))} over Spearman correlations. It answers whether the null
 * rate says anything about quality beyond "short sentences are easy".
 */
public final class NullRatePartialCorrelation {

  private NullRatePartialCorrelation() {}

  /**
   * @param x the feature
   * @param y chrF
   * @param z the control (source length)
   */
  public static double of(double[] x, double[] y, double[] z) {
    double xy = RankCorrelation.spearman(x, y);
    double xz = RankCorrelation.spearman(x, z);
    double yz = RankCorrelation.spearman(y, z);
    return (xy - xz * yz) / Math.sqrt((1 - xz * xz) * (1 - yz * yz));
  }
}
