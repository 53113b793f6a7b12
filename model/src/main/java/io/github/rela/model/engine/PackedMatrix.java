package io.github.rela.model.engine;

import ai.djl.ndarray.NDArray;

/**
 * A weight matrix W [out, in] packed by {@link PackedGemm#pack}: its transpose in MKL's blocked
 * layout, held in an engine array.
 *
 * @param storage MKL's packed bytes (as float32 elements)
 * @param out rows of W
 * @param in columns of W
 */
public record PackedMatrix(NDArray storage, int out, int in) {}
