package io.github.rela.evaluation.calibration.fit;

/**
 * Per-feature mean and standard deviation of a fit set, weighted; a constant feature gets scale 1
 * so that it standardises to 0 instead of dividing by zero.
 *
 * @param mean [d]
 * @param scale [d]
 */
public record Standardisation(double[] mean, double[] scale) {

  /** The weighted mean and standard deviation of every column of {@code x} [n, d]. */
  public static Standardisation of(double[][] x, double[] w) {
    int d = x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      total += w[i];
      for (int j = 0; j < d; j++) {
        mean[j] += w[i] * x[i][j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= total;
    }
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        double dx = x[i][j] - mean[j];
        scale[j] += w[i] * dx * dx;
      }
    }
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(scale[j] / total);
      scale[j] = sd > 1e-12 ? sd : 1;
    }
    return new Standardisation(mean, scale);
  }

  /** {@code x} standardised, [n, d]. */
  public double[][] apply(double[][] x) {
    double[][] z = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      z[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        z[i][j] = (x[i][j] - mean[j]) / scale[j];
      }
    }
    return z;
  }
}
