package io.github.rela.training.data;

import java.util.Arrays;

/**
 * One batch of example indices.
 *
 * @param position where this batch sits (epoch and index)
 * @param indices indices into the examples, in order of length
 * @param maxLength the longest example's token count; the batch pads to it
 */
public record TokenBatch(SamplerPosition position, int[] indices, int maxLength) {

  public TokenBatch {
    indices = indices.clone();
  }

  @Override
  public int[] indices() {
    return indices.clone();
  }

  /** Tokens after padding: batch size times the longest length. */
  public int paddedTokens() {
    return indices.length * maxLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenBatch b
        && position.equals(b.position)
        && maxLength == b.maxLength
        && Arrays.equals(indices, b.indices);
  }

  @Override
  public int hashCode() {
    return 31 * position.hashCode() + Arrays.hashCode(indices);
  }

  @Override
  public String toString() {
    return "TokenBatch[%s, %d examples, maxLength %d]"
        .formatted(position, indices.length, maxLength);
  }
}
