package io.github.rela.model.transformer;

import java.util.Arrays;

/**
 * The target pieces a decoding session scores at each step: the whole vocabulary, or a shortlist of
 * K pieces (column k of the step's logits is piece {@code token(k)}). A shortlist shrinks the
 * output layer from [D, V] to [D, K] for the batch, and log-probabilities are normalised over the K
 * pieces.
 */
public final class TargetVocabulary {
  private final int size;
  private final int[] tokens;

  private TargetVocabulary(int size, int[] tokens) {
    this.size = size;
    this.tokens = tokens;
  }

  /** Every piece of a vocabulary of {@code size}: column = token id. */
  public static TargetVocabulary all(int size) {
    return new TargetVocabulary(size, null);
  }

  /**
   * A shortlist: column k scores piece {@code tokens[k]}.
   *
   * @param tokens distinct piece ids, at least one
   */
  public static TargetVocabulary of(int[] tokens) {
    if (tokens.length == 0) {
      throw new IllegalArgumentException("a shortlist needs at least one piece");
    }
    if (Arrays.stream(tokens).distinct().count() != tokens.length) {
      throw new IllegalArgumentException("shortlist pieces must be distinct");
    }
    return new TargetVocabulary(tokens.length, tokens.clone());
  }

  /** Whether every piece is scored (no shortlist). */
  public boolean isAll() {
    return tokens == null;
  }

  /** Number of columns, V or K. */
  public int size() {
    return size;
  }

  /** The piece scored by {@code column}. */
  public int token(int column) {
    return tokens == null ? column : tokens[column];
  }

  /**
   * The column of {@code token}, or -1 when the shortlist does not have it (a scan: it serves the
   * few special pieces per step).
   */
  public int column(int token) {
    if (tokens == null) {
      return token >= 0 && token < size ? token : -1;
    }
    for (int column = 0; column < tokens.length; column++) {
      if (tokens[column] == token) {
        return column;
      }
    }
    return -1;
  }

  /** The pieces in column order, as int64 for an index; null for the whole vocabulary. */
  public long[] tokenIds() {
    return tokens == null ? null : Arrays.stream(tokens).asLongStream().toArray();
  }
}
