package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;

/**
 * What one decoder layer produces.
 *
 * @param output [R, T, D]
 * @param selfWeights self-attention weights, [R, H, T, P + T] (P cached positions)
 * @param crossWeights cross-attention weights, [R, H, T, S]
 * @param selfCache self-attention keys and values of every position so far, [R, H, P + T, d]: the
 *     cache for the next step
 */
public record DecoderLayerOutput(
    NDArray output, NDArray selfWeights, NDArray crossWeights, SelfAttentionCache selfCache) {}
