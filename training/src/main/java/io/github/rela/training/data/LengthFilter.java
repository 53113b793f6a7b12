package io.github.rela.training.data;

import java.util.Optional;

/**
 * Drops pairs that would hurt training: empty or very long sentences, and pairs whose lengths
 * differ so much that they are probably not translations of each other (the rule of Moses'
 * clean-corpus-n.perl).
 *
 * @param minTokens fewest tokens allowed on each side
 * @param maxTokens most tokens allowed on each side
 * @param maxRatio largest allowed ratio of the longer side's tokens to the shorter side's
 */
public record LengthFilter(int minTokens, int maxTokens, double maxRatio) {

  public LengthFilter {
    if (minTokens < 0 || maxTokens < minTokens) {
      throw new IllegalArgumentException(
          "Need 0 <= minTokens <= maxTokens, got %d and %d".formatted(minTokens, maxTokens));
    }
    if (!(maxRatio >= 1)) {
      throw new IllegalArgumentException("maxRatio must be >= 1, got " + maxRatio);
    }
  }

  /** 1 to 100 tokens and a ratio of at most 3 (a common choice for Multi30k-sized data). */
  public static LengthFilter defaults() {
    return new LengthFilter(1, 100, 3.0);
  }

  /** Why the pair with these token counts is dropped, or empty when it is kept. */
  public Optional<DropReason> check(int sourceTokens, int targetTokens) {
    if (Math.min(sourceTokens, targetTokens) < minTokens) {
      return Optional.of(DropReason.TOO_SHORT);
    }
    if (Math.max(sourceTokens, targetTokens) > maxTokens) {
      return Optional.of(DropReason.TOO_LONG);
    }
    int shorter = Math.min(sourceTokens, targetTokens);
    int longer = Math.max(sourceTokens, targetTokens);
    if (shorter > 0 && (double) longer / shorter > maxRatio) {
      return Optional.of(DropReason.LENGTH_RATIO);
    }
    return Optional.empty();
  }
}
