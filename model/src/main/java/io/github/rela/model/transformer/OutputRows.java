package io.github.rela.model.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.core.Linear;
import io.github.rela.model.engine.PackedGemm;
import io.github.rela.model.engine.PackedMatrix;
import java.util.Optional;

/**
 * The output matrix's rows of a batch's shortlist, gathered once per batch, and their copy packed
 * for MKL ({@link PackedGemm}) when the batch decodes enough rows for it to pay.
 *
 * @param rows [K, D]
 * @param packed {@code rows} packed, or null
 */
record OutputRows(NDArray rows, PackedMatrix packed) {

  /**
   * The rows of a batch whose steps decode {@code stepRows} hypotheses at first (fewer later, as
   * sources finish).
   *
   * @param rows [K, D]
   */
  static OutputRows of(NDArray rows, long stepRows) {
    Optional<PackedGemm> gemm = PackedGemm.get();
    boolean pays = gemm.isPresent() && gemm.get().pays(stepRows, rows);
    return new OutputRows(rows, pays ? gemm.get().pack(rows) : null);
  }

  /**
   * The logits of the shortlist's pieces.
   *
   * @param y decoder output, [R, 1, D]
   * @return [R, 1, K]
   */
  NDArray logits(NDArray y) {
    if (packed != null) { // then the engine offers packed products
      PackedGemm gemm = PackedGemm.get().orElseThrow();
      if (gemm.pays(y.getShape().get(0), rows)) {
        return gemm.linear(y, packed, null);
      }
    }
    return Linear.linear(y, rows).head();
  }

  /** The arrays held, to hand over with the decoding state. */
  NDList arrays() {
    return packed == null ? new NDList(rows) : new NDList(rows, packed.storage());
  }
}
