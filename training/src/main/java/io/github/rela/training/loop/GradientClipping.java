package io.github.rela.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Collection;

/** Clips gradients by their global L2 norm, over all parameters together. */
public final class GradientClipping {

  private GradientClipping() {}

  /**
   * Scales every gradient by {@code maxNorm / norm} when the global norm exceeds {@code maxNorm}.
   *
   * @return the global norm before clipping
   */
  public static float clipByGlobalNorm(Collection<Parameter> parameters, float maxNorm) {
    double squares = 0;
    for (Parameter parameter : parameters) {
      NDArray grad = parameter.getArray().getGradient();
      squares += grad.square().sum().getFloat();
    }
    float norm = (float) Math.sqrt(squares);
    if (maxNorm > 0 && norm > maxNorm) {
      float scale = maxNorm / (norm + 1e-6f);
      for (Parameter parameter : parameters) {
        parameter.getArray().getGradient().muli(scale);
      }
    }
    return norm;
  }
}
