package io.github.rela.evaluation.scoring;

/**
 * Settings of {@link Chrf}. {@link #defaults()} are sacreBLEU's chrF2: character n-grams up to 6,
 * no word n-grams, beta 2, cased, whitespace removed, effective-order averaging (no epsilon
 * smoothing). Word order 2 gives chrF++.
 *
 * @param charOrder highest character n-gram order
 * @param wordOrder highest word n-gram order, 0 for plain chrF
 * @param beta weight of recall relative to precision
 * @param lowercase lower-case everything first
 * @param whitespace keep whitespace inside character n-grams
 * @param epsSmoothing average per-order F-scores with epsilon for empty orders (chrF++.py, NLTK,
 *     Moses); otherwise average precision and recall over the orders that exist on both sides
 */
public record ChrfOptions(
    int charOrder,
    int wordOrder,
    double beta,
    boolean lowercase,
    boolean whitespace,
    boolean epsSmoothing) {

  public ChrfOptions {
    if (charOrder < 1 || wordOrder < 0) {
      throw new IllegalArgumentException(
          "charOrder must be >= 1 and wordOrder >= 0, got %d and %d"
              .formatted(charOrder, wordOrder));
    }
    if (!(beta > 0)) {
      throw new IllegalArgumentException("beta must be positive, got " + beta);
    }
  }

  /** sacreBLEU's {@code CHRF()} defaults (chrF2). */
  public static ChrfOptions defaults() {
    return new ChrfOptions(6, 0, 2, false, false, false);
  }

  public ChrfOptions withBeta(double value) {
    return new ChrfOptions(charOrder, wordOrder, value, lowercase, whitespace, epsSmoothing);
  }

  public ChrfOptions withWordOrder(int value) {
    return new ChrfOptions(charOrder, value, beta, lowercase, whitespace, epsSmoothing);
  }

  public ChrfOptions withWhitespace(boolean value) {
    return new ChrfOptions(charOrder, wordOrder, beta, lowercase, value, epsSmoothing);
  }

  public ChrfOptions withEpsSmoothing(boolean value) {
    return new ChrfOptions(charOrder, wordOrder, beta, lowercase, whitespace, value);
  }

  /** Character plus word orders: the number of [hyp, ref, match] triples in the statistics. */
  public int order() {
    return charOrder + wordOrder;
  }

  /** The metric's name as sacreBLEU prints it: chrF2, or chrF2++ with word order 2. */
  public String name() {
    String betaText = beta == Math.rint(beta) ? Long.toString((long) beta) : Double.toString(beta);
    return "chrF" + betaText + "+".repeat(wordOrder);
  }
}
