package io.github.rela.evaluation.calibration.fit;

/** Solves small dense linear systems (the normal equations of the fits), in place. */
final class LinearSystem {

  private LinearSystem() {}

  /**
   * Solves {@code a x = b} by Gaussian elimination with partial pivoting.
   *
   * @param a [n, n], overwritten
   * @param b [n], overwritten
   * @throws IllegalArgumentException when {@code a} is singular
   */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-12) {
        throw new IllegalArgumentException("singular system at column " + col);
      }
      swap(a, b, col, pivot);
      for (int row = col + 1; row < n; row++) {
        double factor = a[row][col] / a[col][col];
        for (int k = col; k < n; k++) {
          a[row][k] -= factor * a[col][k];
        }
        b[row] -= factor * b[col];
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = b[row];
      for (int k = row + 1; k < n; k++) {
        sum -= a[row][k] * x[k];
      }
      x[row] = sum / a[row][row];
    }
    return x;
  }

  private static void swap(double[][] a, double[] b, int i, int j) {
    double[] row = a[i];
    a[i] = a[j];
    a[j] = row;
    double value = b[i];
    b[i] = b[j];
    b[j] = value;
  }
}
