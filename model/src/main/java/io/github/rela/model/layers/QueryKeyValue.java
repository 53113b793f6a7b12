package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;

/**
 * The fused query/key/value projection of self-attention, split into heads.
 *
 * @param query [B, H, T, d_head]
 * @param keys [B, H, T, d_head]
 * @param values [B, H, T, d_head]
 * @param fused the projection they are views of, [B, T, 3 * D] row-major (queries, keys, values
 *     side by side), which {@link SelfAttentionCache} copies from on the host
 */
public record QueryKeyValue(NDArray query, NDArray keys, NDArray values, NDArray fused) {

  /** The keys and values as attention takes them. */
  public KeyValue keyValue() {
    return KeyValue.of(keys, values);
  }
}
