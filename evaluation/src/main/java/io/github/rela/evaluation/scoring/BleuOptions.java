package io.github.rela.evaluation.scoring;

/**
 * Settings of {@link Bleu}. {@link #defaults()} are sacreBLEU's: cased, 13a tokenization,
 * exponential smoothing, n-grams up to 4, no effective order.
 *
 * @param lowercase lower-case hypotheses and references first (signature {@code case:lc})
 * @param tokenization the tokenizer applied to every segment
 * @param smoothing how zero-match orders are treated
 * @param smoothValue the value of floor/add-k smoothing; NaN means the method's default
 * @param maxNgramOrder the highest n-gram order counted (4 in the paper)
 * @param effectiveOrder stop at the highest order the hypothesis has n-grams for; meant for
 *     sentence-level BLEU
 */
public record BleuOptions(
    boolean lowercase,
    BleuTokenization tokenization,
    BleuSmoothing smoothing,
    double smoothValue,
    int maxNgramOrder,
    boolean effectiveOrder) {

  /** sacreBLEU's default maximum n-gram order. */
  public static final int MAX_NGRAM_ORDER = 4;

  public BleuOptions {
    if (tokenization == null || smoothing == null) {
      throw new IllegalArgumentException("tokenization and smoothing must be set");
    }
    if (maxNgramOrder < 1) {
      throw new IllegalArgumentException("maxNgramOrder must be >= 1, got " + maxNgramOrder);
    }
    if (Double.isNaN(smoothValue)) {
      smoothValue = smoothing.defaultValue();
    }
  }

  /** sacreBLEU's {@code BLEU()} defaults. */
  public static BleuOptions defaults() {
    return new BleuOptions(
        false, BleuTokenization.THIRTEEN_A, BleuSmoothing.EXP, Double.NaN, MAX_NGRAM_ORDER, false);
  }

  public BleuOptions withTokenization(BleuTokenization value) {
    return new BleuOptions(lowercase, value, smoothing, smoothValue, maxNgramOrder, effectiveOrder);
  }

  /** A smoothing method with its value (NaN for the method's default). */
  public BleuOptions withSmoothing(BleuSmoothing method, double value) {
    return new BleuOptions(lowercase, tokenization, method, value, maxNgramOrder, effectiveOrder);
  }

  public BleuOptions withMaxNgramOrder(int value) {
    return new BleuOptions(lowercase, tokenization, smoothing, smoothValue, value, effectiveOrder);
  }

  public BleuOptions withEffectiveOrder(boolean value) {
    return new BleuOptions(lowercase, tokenization, smoothing, smoothValue, maxNgramOrder, value);
  }

  public BleuOptions withLowercase(boolean value) {
    return new BleuOptions(
        value, tokenization, smoothing, smoothValue, maxNgramOrder, effectiveOrder);
  }
}
