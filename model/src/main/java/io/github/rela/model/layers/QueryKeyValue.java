package io.github.rela.model.layers;

import ai.djl.ndarray.NDArray;

/**
 * The fused query/key/value projection of self-attention, split into heads.
 *
 * @param query [B, H, T, d_head]
 * @param keyValue keys and values of the same positions
 */
public record QueryKeyValue(NDArray query, KeyValue keyValue) {}
