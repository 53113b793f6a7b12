package io.github.rela.model.transformer;

import ai.djl.ndarray.NDArray;

/**
 * One incremental decoding step.
 *
 * @param logits unnormalised scores of the next token, [R, V]
 * @param crossAttention the cross-attention weights of this step, every decoder layer's, [R, L, H,
 *     S]
 * @param state the decoder state after the step (position advanced, caches extended)
 */
public record StepOutput(NDArray logits, NDArray crossAttention, DecoderState state) {}
