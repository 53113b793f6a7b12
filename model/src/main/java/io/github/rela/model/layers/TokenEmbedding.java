package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.github.rela.model.attention.Scalars;

/**
 * A token embedding, scaled by sqrt(d_model) on the way in, that can also serve as the output
 * projection (weight tying, Press and Wolf 2017).
 *
 * <p>Weights start normal with standard deviation d_model^-0.5, so that the scaled embeddings have
 * unit variance, the scale of the sinusoidal positions added to them.
 *
 * <p>Parameter: {@code weight} [V, D].
 */
public final class TokenEmbedding extends ModelBlock {
  private final int vocabSize;
  private final float scale;
  private final Parameter weight;

  public TokenEmbedding(int vocabSize, int dModel) {
    this.vocabSize = vocabSize;
    this.scale = (float) Math.sqrt(dModel);
    this.weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabSize, dModel))
                .optInitializer(new NormalInitializer((float) Math.pow(dModel, -0.5)))
                .build());
  }

  /**
   * Looks the tokens up.
   *
   * @param ids token ids, [B, T] (any integer type)
   * @return sqrt(D) * E[ids], [B, T, D]
   */
  public NDArray embed(ParameterStore parameterStore, NDArray ids, boolean training) {
    NDArray longIds = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
    if (!training && parameterStore instanceof InferenceParameters inference) {
      // sqrt(D) * E once, not a product at every decoding step (sqrt(256) = 16: bit-identical)
      NDArray scaled = inference.derived(weight, "times-sqrt-d", ids, w -> w.mul(scale));
      return Embedding.embedding(longIds, scaled, SparseFormat.DENSE).head(); // [B, T, D]
    }
    NDArray w = value(parameterStore, weight, ids, training);
    NDArray embedded = Embedding.embedding(longIds, w, SparseFormat.DENSE).head(); // [B, T, D]
    return embedded.mul(Scalars.like(embedded, scale));
  }

  /**
   * Scores every vocabulary entry with the transposed embedding matrix.
   *
   * @param x decoder states, [B, T, D]
   * @return logits, [B, T, V]
   */
  public NDArray logits(ParameterStore parameterStore, NDArray x, boolean training) {
    NDArray w = value(parameterStore, weight, x, training); // [V, D]
    if (!training && parameterStore instanceof InferenceParameters inference) {
      return inference.linear(x, w, null);
    }
    // x W^T without materialising W^T, which would land in the weights' manager and leak.
    return Linear.linear(x, w).head(); // [B, T, D] x [D, V]
  }

  /** The embedding matrix, [V, D] (the output layer's matrix when the output is tied). */
  public NDArray matrix(ParameterStore parameterStore, NDArray like) {
    return value(parameterStore, weight, like, false);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(embed(parameterStore, inputs.head(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(weight.getShape().get(1))};
  }

  /** Number of rows of the embedding matrix. */
  public int vocabSize() {
    return vocabSize;
  }
}
