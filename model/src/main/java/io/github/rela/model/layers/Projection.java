package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * An affine map {@code y = x W^T + b} over the last axis, with Xavier-uniform weights (as in the
 * Transformer) and zero bias.
 *
 * <p>Parameters: {@code weight} [out, in], {@code bias} [out] (when enabled).
 */
public final class Projection extends ModelBlock {
  /** Xavier uniform, limit sqrt(6 / (fan_in + fan_out)): magnitude 3 over the average fan. */
  private static final XavierInitializer XAVIER_UNIFORM =
      new XavierInitializer(
          XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3f);

  private final int outputSize;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * Creates a projection.
   *
   * @param inputSize size of the last input axis
   * @param outputSize size of the last output axis
   * @param withBias whether to add a learned bias
   */
  public Projection(int inputSize, int outputSize, boolean withBias) {
    this.outputSize = outputSize;
    this.weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outputSize, inputSize))
                .optInitializer(XAVIER_UNIFORM)
                .build());
    this.bias =
        withBias
            ? addParameter(
                Parameter.builder()
                    .setName("bias")
                    .setType(Parameter.Type.BIAS)
                    .optShape(new Shape(outputSize))
                    .optInitializer(new ConstantInitializer(0f))
                    .build())
            : null;
  }

  /**
   * Applies the map.
   *
   * @param x input, [..., in]
   * @return output, [..., out]
   */
  public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
    NDArray w = value(parameterStore, weight, x, training);
    NDArray b = bias == null ? null : value(parameterStore, bias, x, training);
    if (!training && parameterStore instanceof InferenceParameters inference) {
      return inference.linear(x, w, b);
    }
    return Linear.linear(x, w, b).head(); // a null bias adds nothing
  }

  /**
   * The map with its first {@code rows} outputs scaled by {@code factor}, through a weight and bias
   * scaled once (inference only): the scaling then costs no call at any step.
   *
   * @param x input, [..., in]
   * @param name what {@code rows} and {@code factor} are, always the same two for one name
   * @return output, [..., out]
   */
  NDArray forwardScalingRows(
      InferenceParameters inference, NDArray x, String name, int rows, float factor) {
    NDArray w =
        inference.derived(weight, name, x, v -> v.mul(rowScales(x, rows, factor).reshape(-1, 1)));
    NDArray b =
        bias == null
            ? null
            : inference.derived(bias, name, x, v -> v.mul(rowScales(x, rows, factor)));
    return inference.linear(x, w, b);
  }

  /**
   * The map of {@code x * scale}, through a weight whose columns are scaled by {@code scale} once
   * (inference only; {@code scale} must be a constant of the weights, named by {@code name}).
   *
   * @param x input, [..., in]
   * @param scale [in]
   * @return output, [..., out]
   */
  NDArray forwardScalingInputs(
      InferenceParameters inference, NDArray x, String name, NDArray scale) {
    NDArray w = inference.derived(weight, name, x, v -> v.mul(scale.reshape(1, -1)));
    return inference.linear(x, w, bias == null ? null : value(inference, bias, x, false));
  }

  /** {@code factor} for the first {@code rows} outputs and 1 after, [out]. */
  private NDArray rowScales(NDArray like, int rows, float factor) {
    float[] scales = new float[outputSize];
    Arrays.fill(scales, 0, rows, factor);
    Arrays.fill(scales, rows, outputSize, 1f);
    return like.getManager().create(scales);
  }

  /** The weight matrix, [out, in]. */
  public NDArray matrix(ParameterStore parameterStore, NDArray like) {
    return value(parameterStore, weight, like, false);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(forward(parameterStore, inputs.head(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape input = inputShapes[0];
    return new Shape[] {input.slice(0, input.dimension() - 1).add(outputSize)};
  }
}
