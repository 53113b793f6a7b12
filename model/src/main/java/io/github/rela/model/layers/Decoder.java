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
 * The decoder stack: {@code decoderLayers} {@link DecoderLayer}s, plus a final layer norm in
 * pre-LN.
 *
 * <p>Children: {@code layer0} ... {@code layer<N-1>}, {@code finalNorm} (pre-LN only).
 */
public final class Decoder extends ModelBlock {
  private final List<DecoderLayer> layers = new ArrayList<>();
  private final LayerNorm finalNorm;

  public Decoder(ModelConfig config) {
    for (int i = 0; i < config.decoderLayers(); i++) {
      layers.add(addChildBlock("layer" + i, new DecoderLayer(config)));
    }
    this.finalNorm =
        config.preNorm()
            ? addChildBlock("finalNorm", new LayerNorm(config.dModel(), config.layerNormEps()))
            : null;
  }

  /**
   * Each layer's cross-attention keys and values of {@code memory} [N, S, D], padding masked as
   * {@link DecoderLayer#projectMemory} does.
   *
   * @param sourceMask [N, 1, 1, S]
   */
  public List<KeyValue> projectMemory(
      ParameterStore parameterStore, NDArray memory, NDArray sourceMask, boolean training) {
    List<KeyValue> projected = new ArrayList<>(layers.size());
    for (DecoderLayer layer : layers) {
      projected.add(layer.projectMemory(parameterStore, memory, sourceMask, training));
    }
    return projected;
  }

  /**
   * Decodes embedded target tokens.
   *
   * @param y embedded targets with positions, [R, T, D]
   * @param selfMask broadcastable to [R, H, T, P + T], or null to attend every position
   * @param past each layer's cache of P earlier positions, or an empty list when P = 0
   * @param pastRows back-pointers into the rows of the caches, [R]; null keeps them in order
   * @param memory each layer's projected memory (N rows, S positions)
   * @param sourceMask [N, 1, 1, S]
   */
  public StackOutput forward(
      ParameterStore parameterStore,
      NDArray y,
      NDArray selfMask,
      List<SelfAttentionCache> past,
      long[] pastRows,
      List<KeyValue> memory,
      NDArray sourceMask,
      boolean training) {
    List<NDArray> selfWeights = new ArrayList<>();
    List<NDArray> crossWeights = new ArrayList<>();
    List<SelfAttentionCache> caches = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      SelfAttentionCache layerPast = past.isEmpty() ? null : past.get(i);
      DecoderLayerOutput out =
          layers
              .get(i)
              .forward(
                  parameterStore,
                  y,
                  selfMask,
                  layerPast,
                  pastRows,
                  memory.get(i),
                  sourceMask,
                  training);
      y = out.output();
      selfWeights.add(out.selfWeights());
      crossWeights.add(out.crossWeights());
      caches.add(out.selfCache());
    }
    if (finalNorm != null) {
      y = finalNorm.forward(parameterStore, y, training);
    }
    return new StackOutput(y, selfWeights, crossWeights, caches);
  }

  /** Number of layers. */
  public int numLayers() {
    return layers.size();
  }

  /**
   * Inputs: y [B, T, D], self mask, memory [B, S, D], source mask [B, 1, 1, S]; output: y [B, T,
   * D].
   */
  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    List<KeyValue> memory = projectMemory(parameterStore, inputs.get(2), inputs.get(3), training);
    StackOutput out =
        forward(
            parameterStore,
            inputs.get(0),
            inputs.get(1),
            List.of(),
            null,
            memory,
            inputs.get(3),
            training);
    return new NDList(out.output());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
