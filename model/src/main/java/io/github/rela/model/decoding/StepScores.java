package io.github.rela.model.decoding;

import ai.djl.ndarray.NDArray;

/**
 * What one decoding step gives search.
 *
 * @param logits next-token scores, [R, V]
 * @param crossAttention cross-attention weights of every decoder layer, [R, L, H, S]
 */
public record StepScores(NDArray logits, NDArray crossAttention) {}
