package io.github.rela.training.data;

/** Why {@link LengthFilter} dropped a sentence pair. */
public enum DropReason {
  /** One side has fewer tokens than the minimum (this includes empty lines). */
  TOO_SHORT,
  /** One side has more tokens than the maximum. */
  TOO_LONG,
  /** One side is more than the allowed ratio longer than the other: likely misaligned. */
  LENGTH_RATIO
}
