package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The position-wise feed-forward network {@code W_2 dropout(ReLU(W_1 x + b_1)) + b_2}.
 *
 * <p>Children: {@code hidden} (D -> d_ff), {@code output} (d_ff -> D).
 */
public final class FeedForward extends ModelBlock {
  private final float dropout;
  private final Projection hidden;
  private final Projection output;

  public FeedForward(int dModel, int dFf, float dropout) {
    this.dropout = dropout;
    this.hidden = addChildBlock("hidden", new Projection(dModel, dFf, true));
    this.output = addChildBlock("output", new Projection(dFf, dModel, true));
  }

  /**
   * Applies the network at every position.
   *
   * @param x [B, T, D]
   * @return [B, T, D]
   */
  public NDArray forward(ParameterStore parameterStore, NDArray x, boolean training) {
    NDArray h = Activation.relu(hidden.forward(parameterStore, x, training)); // [B, T, d_ff]
    if (training && dropout > 0f) {
      h = Dropout.dropout(h, dropout, true).head();
    }
    return output.forward(parameterStore, h, training); // [B, T, D]
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
