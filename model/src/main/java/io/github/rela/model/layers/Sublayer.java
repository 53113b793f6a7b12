package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The residual connection, dropout and layer norm around one sublayer, written once.
 *
 * <p>Post-LN (the paper): {@code norm(x + dropout(f(x)))}. Pre-LN: {@code x + dropout(f(norm(x)))}.
 * A caller runs {@code y = f(input(x))} and then {@code output(x, y)}, so that sublayers returning
 * more than one array (attention and its weights) fit the same pattern.
 *
 * <p>Child: {@code norm}.
 */
public final class Sublayer extends ModelBlock {
  private final boolean preNorm;
  private final float dropout;
  private final LayerNorm norm;

  public Sublayer(int dModel, boolean preNorm, float dropout, float eps) {
    this.preNorm = preNorm;
    this.dropout = dropout;
    this.norm = addChildBlock("norm", new LayerNorm(dModel, eps));
  }

  /**
   * What the sublayer sees: the normalised input (pre-LN) or the input itself (post-LN).
   *
   * @param x residual stream, [B, T, D]
   */
  public NDArray input(ParameterStore parameterStore, NDArray x, boolean training) {
    return preNorm ? norm.forward(parameterStore, x, training) : x;
  }

  /**
   * Adds the sublayer's output to the residual stream.
   *
   * @param x residual stream, [B, T, D]
   * @param y sublayer output, [B, T, D]
   * @return new residual stream, [B, T, D]
   */
  public NDArray output(ParameterStore parameterStore, NDArray x, NDArray y, boolean training) {
    NDArray dropped = training && dropout > 0f ? Dropout.dropout(y, dropout, true).head() : y;
    NDArray sum = x.add(dropped);
    return preNorm ? sum : norm.forward(parameterStore, sum, training);
  }

  /** Inputs: residual stream and sublayer output; output: the new residual stream. */
  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(output(parameterStore, inputs.get(0), inputs.get(1), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
