package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;

/**
 * An attention sublayer's output with the attention weights that produced it.
 *
 * @param output [B, T, d_model]
 * @param weights the weights before dropout, [B, H, T, S]
 */
public record AttentionResult(NDArray output, NDArray weights) {}
