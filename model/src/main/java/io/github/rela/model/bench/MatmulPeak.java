package io.github.rela.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The fp32 matrix-multiplication throughput of this machine, the yardstick of decoding speed. */
public final class MatmulPeak {
  private MatmulPeak() {}

  /**
   * Times {@code size x size} fp32 matmuls for about {@code seconds} and keeps the fastest (the
   * least disturbed on a shared machine).
   *
   * @return GFLOP/s, counting 2 * size^3 operations per product
   */
  public static double measure(int size, double seconds) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.randomUniform(-1f, 1f, new Shape(size, size));
      NDArray b = manager.randomUniform(-1f, 1f, new Shape(size, size));
      a.matMul(b).close(); // warm-up
      long start = System.nanoTime();
      double best = Double.POSITIVE_INFINITY;
      do {
        long productStart = System.nanoTime();
        try (NDArray c = a.matMul(b)) {
          c.getFloat(0, 0); // waits for the product
        }
        best = Math.min(best, (System.nanoTime() - productStart) / 1e9);
      } while ((System.nanoTime() - start) / 1e9 < seconds);
      return 2.0 * size * size * size / best / 1e9;
    }
  }
}
