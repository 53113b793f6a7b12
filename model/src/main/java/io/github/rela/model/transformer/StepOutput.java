package io.github.rela.model.transformer;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One incremental decoding step.
 *
 * @param logits unnormalised scores of the next token, [R, V]
 * @param crossAttention each decoder layer's cross-attention weights of this step, [R, H, S]
 * @param state the decoder state after the step (position advanced, caches extended)
 */
public record StepOutput(NDArray logits, List<NDArray> crossAttention, DecoderState state) {}
