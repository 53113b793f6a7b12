package io.github.rela.model.transformer;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The decoder's output for whole target prefixes (training, scoring, or recomputation).
 *
 * @param logits unnormalised scores of the next token, [B, T, V]
 * @param selfAttention each decoder layer's self-attention weights, [B, H, T, T]
 * @param crossAttention each decoder layer's cross-attention weights, [B, H, T, S]
 */
public record DecoderOutput(
    NDArray logits, List<NDArray> selfAttention, List<NDArray> crossAttention) {}
