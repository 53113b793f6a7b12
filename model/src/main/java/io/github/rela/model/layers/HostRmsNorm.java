package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/**
 * ReLA's norm without its gain, {@code Z / max(|Z|, floor) [* opening]} over the last axis,
 * computed in Java over the engine's own memory and written back in place; the gate's opening
 * {@code sigmoid(w * Z)} is computed here too for one or two rows, or else handed in from the
 * engine.
 *
 * <p>Why: on the engine the norm and gate are four native calls (normalize, product, sigmoid,
 * product), and decoding runs them after both attentions of every decoder layer at every step. The
 * engine's {@code normalize} alone is several kernels. Microbenchmark, one thread, rows of 256, the
 * engine's four calls against this loop with the opening from the engine (two calls) and with the
 * opening computed here as well:
 *
 * <pre>
 * rows      1      2      8     32    128
 * engine   13.3   15.8   30.6   67.8  224.5 us
 * here      4.4    5.6   11.6   34.6  160.6 us  (opening from the engine)
 * here      2.7    5.6   19.4   72.7  355.6 us  (opening here too)
 * </pre>
 *
 * <p>The arithmetic follows the engine's in float32 (the quotient by the clamped norm, then the
 * product with the opening); the norm's sum of squares and the host's sigmoid are taken in double,
 * so each value is within a rounding or two of the engine's.
 */
final class HostRmsNorm {
  /** Up to this many rows the opening is computed here; from there on the engine's is faster. */
  static final int HOST_OPENING_ROWS = 2;

  private HostRmsNorm() {}

  /**
   * Overwrites every row of {@code z} with its norm, times {@code sigmoid(w * Z)} when a gate is
   * given. {@code z} must be one that {@link HostArrays#serves}, owned by the caller and row-major.
   *
   * @param z [..., D], row-major, owned by the caller
   * @param floor the least norm a row is divided by
   * @param gate w, [D], or null for the ungated norm
   * @return {@code z}
   */
  static NDArray normalize(NDArray z, float floor, float[] gate) {
    return normalize(z, floor, gate, null);
  }

  /**
   * Overwrites every row of {@code z} with its norm times {@code opening}.
   *
   * @param z [..., D], row-major, owned by the caller
   * @param floor the least norm a row is divided by
   * @param opening the gate's opening from the engine, shaped like {@code z}, row-major
   * @return {@code z}
   */
  static NDArray normalize(NDArray z, float floor, NDArray opening) {
    return normalize(z, floor, null, HostArrays.floats(opening));
  }

  private static NDArray normalize(NDArray z, float floor, float[] gate, FloatBuffer opening) {
    Shape shape = z.getShape();
    int width = (int) shape.get(shape.dimension() - 1);
    FloatBuffer data = HostArrays.floats(z); // z's memory, not a copy
    for (int start = 0; start < data.limit(); start += width) {
      float norm = Math.max((float) Math.sqrt(squares(data, start, width)), floor);
      for (int i = start; i < start + width; i++) {
        float unit = data.get(i) / norm;
        if (opening != null) {
          unit *= opening.get(i);
        } else if (gate != null) {
          unit *= sigmoid(data.get(i) * gate[i - start]);
        }
        data.put(i, unit);
      }
    }
    return z;
  }

  private static double squares(FloatBuffer data, int start, int width) {
    double squares = 0;
    for (int i = start; i < start + width; i++) {
      float value = data.get(i);
      squares += (double) value * value;
    }
    return squares;
  }

  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }
}
