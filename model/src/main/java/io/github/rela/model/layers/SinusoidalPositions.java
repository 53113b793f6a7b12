package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The fixed sinusoidal position encodings of Vaswani et al. (2017): {@code PE(pos, 2i) = sin(pos /
 * 10000^(2i/D))}, {@code PE(pos, 2i+1) = cos(pos / 10000^(2i/D))}.
 *
 * <p>Computed on demand from an offset, so that incremental decoding asks for one position at a
 * time; there are no parameters.
 */
public final class SinusoidalPositions {
  private SinusoidalPositions() {}

  /**
   * Encodes positions {@code offset .. offset + length - 1}.
   *
   * @return [length, dModel] in {@code dataType}
   */
  public static NDArray encode(
      NDManager manager, int offset, int length, int dModel, DataType dataType) {
    float[] table = new float[length * dModel];
    for (int t = 0; t < length; t++) {
      for (int i = 0; i < dModel; i += 2) {
        double angle = (offset + t) / Math.pow(10000.0, (double) i / dModel);
        table[t * dModel + i] = (float) Math.sin(angle);
        if (i + 1 < dModel) {
          table[t * dModel + i + 1] = (float) Math.cos(angle);
        }
      }
    }
    return manager.create(table, new Shape(length, dModel)).toType(dataType, false);
  }
}
