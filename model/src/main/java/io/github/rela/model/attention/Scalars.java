package io.github.rela.model.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Scalar operands that live as long as the arrays they multiply.
 *
 * <p>DJL's {@code mul(Number)}, {@code div(Number)} and {@code maximum(Number)} wrap the number in
 * a temporary array backed by a Java direct buffer and close it right after the operation. When the
 * other operand requires a gradient, PyTorch's autograd keeps a reference to that scalar for the
 * backward pass, but the buffer behind it may be reclaimed by the garbage collector first, so the
 * backward pass can read freed memory: gradients then become wrong at random, and training diverges
 * now and then. Creating the scalar in the operand's manager keeps it alive until that manager (the
 * caller's scope) is closed, which is after the backward pass.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code value} as a 0-d array of {@code like}'s dtype, owned by {@code like}'s manager. */
  public static NDArray like(NDArray like, double value) {
    if (like.getDataType() == DataType.FLOAT64) {
      return like.getManager().create(value);
    }
    return like.getManager().create((float) value).toType(like.getDataType(), false);
  }
}
