package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.rela.model.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder stack: {@code encoderLayers} {@link EncoderLayer}s, plus a final layer norm in pre-LN
 * (post-LN layers already end with one).
 *
 * <p>Children: {@code layer0} ... {@code layer<N-1>}, {@code finalNorm} (pre-LN only).
 */
public final class Encoder extends ModelBlock {
  private final List<EncoderLayer> layers = new ArrayList<>();
  private final LayerNorm finalNorm;

  public Encoder(ModelConfig config) {
    for (int i = 0; i < config.encoderLayers(); i++) {
      layers.add(addChildBlock("layer" + i, new EncoderLayer(config)));
    }
    this.finalNorm =
        config.preNorm()
            ? addChildBlock("finalNorm", new LayerNorm(config.dModel(), config.layerNormEps()))
            : null;
  }

  /**
   * Encodes embedded source tokens.
   *
   * @param x embedded sources with positions, [B, S, D]
   * @param sourceMask padding mask, [B, 1, 1, S]
   * @return memory [B, S, D] and each layer's self-attention weights [B, H, S, S]
   */
  public StackOutput forward(
      ParameterStore parameterStore, NDArray x, NDArray sourceMask, boolean training) {
    List<NDArray> weights = new ArrayList<>();
    for (EncoderLayer layer : layers) {
      AttentionResult result = layer.forward(parameterStore, x, sourceMask, training);
      x = result.output();
      weights.add(result.weights());
    }
    if (finalNorm != null) {
      x = finalNorm.forward(parameterStore, x, training);
    }
    return new StackOutput(x, weights, List.of(), List.of());
  }

  /** Inputs: x [B, S, D] and the padding mask [B, 1, 1, S]; output: the memory [B, S, D]. */
  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return new NDList(forward(parameterStore, inputs.get(0), inputs.get(1), training).output());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
