package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;

/**
 * Engine arrays that Java reads and writes in place: float32 in the CPU's memory, reached as a
 * direct buffer over the engine's own storage. Decoding does a few small steps here (ReLA's norm,
 * the self-attention cache) where the engine would take several native calls and kernels.
 */
final class HostArrays {
  private HostArrays() {}

  /** Whether {@code x} can be read and written here: float32 on the CPU. */
  static boolean serves(NDArray x) {
    return x.getDataType() == DataType.FLOAT32 && !x.getDevice().isGpu();
  }

  /**
   * The floats of {@code x} in row-major order: its own memory when {@code x} is row-major (writes
   * go to the array), else a row-major copy (DJL copies a view that is not).
   */
  static FloatBuffer floats(NDArray x) {
    return x.toByteBuffer(true).asFloatBuffer();
  }
}
