package io.github.rela.evaluation.calibration.fit;

/**
 * Weighted ridge least squares with an unpenalised intercept: minimises {@code sum_i w_i (y_i - b -
 * x_i . beta)^2 + lambda |beta|^2}. Both fits here reduce to it (IRLS solves one per step).
 */
final class WeightedLeastSquares {

  private WeightedLeastSquares() {}

  /**
   * @param x [n, d] standardised features
   * @param y [n] targets
   * @param w [n] non-negative sample weights
   * @return [d + 1]: the intercept, then the d weights
   */
  static double[] solve(double[][] x, double[] y, double[] w, double lambda) {
    int d = x[0].length + 1;
    double[][] gram = new double[d][d];
    double[] rhs = new double[d];
    double[] row = new double[d];
    for (int i = 0; i < x.length; i++) {
      row[0] = 1;
      System.arraycopy(x[i], 0, row, 1, d - 1);
      for (int j = 0; j < d; j++) {
        rhs[j] += w[i] * row[j] * y[i];
        for (int k = 0; k < d; k++) {
          gram[j][k] += w[i] * row[j] * row[k];
        }
      }
    }
    for (int j = 1; j < d; j++) {
      gram[j][j] += lambda;
    }
    return LinearSystem.solve(gram, rhs);
  }
}
