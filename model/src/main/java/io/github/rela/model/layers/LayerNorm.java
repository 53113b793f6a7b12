package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Layer normalisation over d_model (Ba et al. 2016), used around every sublayer.
 *
 * <p>Parameters: {@code gain} [d_model] (init 1), {@code bias} [d_model] (init 0).
 */
public final class LayerNorm extends ModelBlock {
  private final int dModel;
  private final float eps;
  private final Parameter gain;
  private final Parameter bias;

  public LayerNorm(int dModel, float eps) {
    this.dModel = dModel;
    this.eps = eps;
    this.gain =
        addParameter(
            Parameter.builder()
                .setName("gain")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(dModel))
                .optInitializer(new ConstantInitializer(1f))
                .build());
    this.bias =
        addParameter(
            Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BETA)
                .optShape(new Shape(dModel))
                .optInitializer(new ConstantInitializer(0f))
                .build());
  }

  /**
   * Normalises the last axis.
   *
   * @param x input, [..., d_model]
   * @return normalised input, [..., d_model]
   */
  public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
    return ai.djl.nn.norm.LayerNorm.layerNorm(
            x,
            new Shape(dModel),
            value(parameterStore, gain, x, training),
            value(parameterStore, bias, x, training),
            eps)
        .head();
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
    return new Shape[] {inputShapes[0]};
  }
}
