package io.github.rela.evaluation.calibration.fit;

import io.github.rela.model.quality.QualityModelFile.Weights;

/**
 * L2-penalised logistic regression fitted by iteratively reweighted least squares (Newton's
 * method): each step solves a weighted ridge problem on the working response {@code eta + (y - p) /
 * (p (1 - p))} with weights {@code w p (1 - p)}.
 */
public final class LogisticRegression {
  private static final int MAX_STEPS = 50;
  private static final double TOLERANCE = 1e-8;

  private final double lambda;

  /**
   * @param lambda L2 penalty on the weights
   */
  public LogisticRegression(double lambda) {
    this.lambda = lambda;
  }

  /**
   * Fits {@code P(label) = sigmoid(b + x . beta)}.
   *
   * @param x [n, d] standardised features
   * @param label [n] true for the positive class
   * @param w [n] sample weights
   */
  public Weights fit(double[][] x, boolean[] label, double[] w) {
    int n = x.length;
    double[] solution = new double[x[0].length + 1];
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] response = new double[n];
      double[] working = new double[n];
      Weights current = FitWeights.split(solution);
      for (int i = 0; i < n; i++) {
        double eta = current.apply(x[i]);
        double p = 1 / (1 + Math.exp(-eta));
        double variance = Math.max(p * (1 - p), 1e-6);
        response[i] = eta + ((label[i] ? 1 : 0) - p) / variance;
        working[i] = w[i] * variance;
      }
      double[] next = WeightedLeastSquares.solve(x, response, working, lambda);
      double change = 0;
      for (int j = 0; j < next.length; j++) {
        change = Math.max(change, Math.abs(next[j] - solution[j]));
      }
      solution = next;
      if (change < TOLERANCE) {
        break;
      }
    }
    return FitWeights.split(solution);
  }
}
