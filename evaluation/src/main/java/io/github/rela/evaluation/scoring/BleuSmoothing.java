package io.github.rela.evaluation.scoring;

/**
 * How BLEU treats an n-gram order without matches (Chen and Cherry, 2014,
 * https://aclanthology.org/W14-3346). Without smoothing one missing order zeroes the whole score.
 */
public enum BleuSmoothing {
  /** No smoothing: a zero precision gives BLEU 0. */
  NONE("none", Double.NaN),
  /** Method 1: a zero match count is replaced by a small value (default 0.1). */
  FLOOR("floor", 0.1),
  /** Method 2: adds k (default 1) to matches and totals of orders above 1. */
  ADD_K("add-k", 1.0),
  /** Method 3, mteval-v13a's NIST smoothing and sacreBLEU's default: 1/2^k for the k-th zero. */
  EXP("exp", Double.NaN);

  private final String signatureName;
  private final double defaultValue;

  BleuSmoothing(String signatureName, double defaultValue) {
    this.signatureName = signatureName;
    this.defaultValue = defaultValue;
  }

  /** The value used when none is given; NaN for methods that take no value. */
  public double defaultValue() {
    return defaultValue;
  }

  /** True for the methods that take a value (floor, add-k). */
  public boolean takesValue() {
    return !Double.isNaN(defaultValue);
  }

  /** The name sacreBLEU prints in signatures, e.g. {@code exp} or {@code floor}. */
  public String signatureName() {
    return signatureName;
  }
}
