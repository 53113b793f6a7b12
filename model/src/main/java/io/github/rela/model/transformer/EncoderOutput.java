package io.github.rela.model.transformer;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The encoded source batch: everything the decoder needs, computed once per batch.
 *
 * @param memory top encoder states, [B, S, D]
 * @param sourceMask 1 for real source tokens, 0 for padding, [B, 1, 1, S]
 * @param selfAttention each encoder layer's self-attention weights, [B, H, S, S]
 */
public record EncoderOutput(NDArray memory, NDArray sourceMask, List<NDArray> selfAttention) {}
