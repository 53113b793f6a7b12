package io.github.rela.model.quality;

/**
 * The quality evidence of one translation.
 *
 * @param features what decoding measured
 * @param estimate the calibrated estimate, or null when the checkpoint has no {@code quality.json}
 *     (or the input was blank)
 */
public record QualityReport(QualityFeatures features, QualityEstimate estimate) {

  /** No evidence: blank input, or results read back without features. */
  public static final QualityReport NONE = new QualityReport(QualityFeatures.NONE, null);

  public boolean hasEstimate() {
    return estimate != null;
  }
}
