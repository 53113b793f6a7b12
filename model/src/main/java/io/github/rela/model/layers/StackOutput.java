package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What a stack of layers produces, one list entry per layer (bottom first).
 *
 * @param output top layer's output (after the final norm in pre-LN), [B, T, D]
 * @param selfWeights self-attention weights, [B, H, T, P + T] each
 * @param crossWeights cross-attention weights, [B, H, T, S] each (empty for the encoder)
 * @param selfCaches decoder self-attention caches after this call (empty for the encoder)
 */
public record StackOutput(
    NDArray output,
    List<NDArray> selfWeights,
    List<NDArray> crossWeights,
    List<SelfAttentionCache> selfCaches) {}
