package io.github.rela.evaluation.calibration.fit;

import io.github.rela.model.quality.QualityModelFile.Weights;

/** Linear regression with an L2 penalty on the weights (not the intercept), closed form. */
public final class RidgeRegression {
  private final double lambda;

  /**
   * @param lambda L2 penalty, in units of summed sample weight
   */
  public RidgeRegression(double lambda) {
    this.lambda = lambda;
  }

  /**
   * Fits {@code y ~ x}.
   *
   * @param x [n, d] standardised features
   * @param y [n] targets
   * @param w [n] sample weights
   */
  public Weights fit(double[][] x, double[] y, double[] w) {
    return FitWeights.split(WeightedLeastSquares.solve(x, y, w, lambda));
  }
}
