package io.github.rela.model.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The 0/1 attention masks: 1 where a key may be attended, 0 where it may not. */
public final class Masks {
  private Masks() {}

  /**
   * Masks padding keys.
   *
   * @param ids token ids, [B, S]
   * @param padId the padding id
   * @param dataType dtype of the scores the mask will multiply
   * @return 1 for real tokens and 0 for padding, [B, 1, 1, S]
   */
  public static NDArray padding(NDArray ids, int padId, DataType dataType) {
    Shape shape = ids.getShape();
    return ids.neq(padId).toType(dataType, false).reshape(shape.get(0), 1, 1, shape.get(1));
  }

  /**
   * Masks future positions for a decoder's self-attention.
   *
   * @return 1 on and below the diagonal, [1, 1, T, T]
   */
  public static NDArray causal(NDManager manager, int length, DataType dataType) {
    NDArray positions = manager.arange(length); // [T]
    NDArray keys = positions.reshape(1, length); // [1, T]
    NDArray queries = positions.reshape(length, 1); // [T, 1]
    return keys.lte(queries).toType(dataType, false).reshape(1, 1, length, length);
  }
}
