package io.github.rela.model.attention;

import ai.djl.ndarray.NDArray;
import io.github.rela.model.config.AttentionKind;

/**
 * Turns scaled attention scores into attention weights: the only part of attention that differs
 * between softmax, ReLA, sparsemax and 1.5-entmax.
 *
 * <p>Shapes: B batch, H heads, T queries, S keys. {@code scores} is {@code Q K^T / sqrt(d_head)},
 * [B, H, T, S]; {@code mask} is 1 where a key may be attended and 0 where not, of the same dtype
 * and broadcastable to the scores ([B, 1, 1, S] padding, [1, 1, T, T] causal, or their product), or
 * null when every key may be attended (incremental decoding's self-attention), which saves the
 * masking work. Every implementation gives masked keys exactly zero weight and zero gradient.
 */
@FunctionalInterface
public interface AttentionFunction {

  /**
   * Computes the attention weights.
   *
   * @param scores scaled scores, [B, H, T, S]
   * @param mask 0/1 mask broadcastable to the scores, same dtype, or null for no mask
   * @return weights, [B, H, T, S]
   */
  NDArray weights(NDArray scores, NDArray mask);

  /**
   * Whether a key whose projected vector is zero gets exactly zero weight, so that padding can be
   * masked once, by zeroing the padded keys, instead of at every decoding step.
   */
  default boolean zeroKeysAreMasked() {
    return false;
  }

  /** The function of an {@link AttentionKind}; both ReLA variants share the ReLU weights. */
  static AttentionFunction of(AttentionKind kind) {
    return switch (kind) {
      case SOFTMAX -> new SoftmaxAttention();
      case RELA_G, RELA_I -> new RelaAttention();
      case SPARSEMAX -> new SparsemaxAttention();
      case ENTMAX15 -> new Entmax15Attention();
    };
  }
}
