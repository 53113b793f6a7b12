package io.github.rela.model.translate;

import io.github.rela.model.quality.QualityReport;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The translation of one sentence, with the attention evidence the streaming app publishes.
 *
 * @param source the input sentence
 * @param translation the detokenized best hypothesis
 * @param sourceTokens the source pieces the model read, EOS ({@code </s>}) last; empty for an empty
 *     input
 * @param targetTokens the generated pieces, EOS excluded
 * @param logProbability sum of the token log-probabilities
 * @param score {@code logProbability} normalised by the GNMT length penalty
 * @param attention the cross-attention of the final hypothesis, non-zero weights only
 * @param alignment word alignment, each target word linked to its most-attended source word
 * @param nullRate share of all-zero cross-attention rows over every layer, head and target token
 * @param sparsity share of zero cross-attention weights (unpadded source positions only)
 * @param truncated true when the input was longer than the model accepts and was cut
 * @param quality the quality features and, when the checkpoint is calibrated, the estimate
 */
public record Translation(
    String source,
    String translation,
    List<String> sourceTokens,
    List<String> targetTokens,
    double logProbability,
    double score,
    SparseAttention attention,
    List<AlignmentLink> alignment,
    double nullRate,
    double sparsity,
    boolean truncated,
    QualityReport quality)
    implements Scorable {

  /** The calibrated estimate of sentence chrF, when the checkpoint carries a quality.json. */
  @Override
  public OptionalDouble qualityEstimate() {
    return quality.hasEstimate()
        ? OptionalDouble.of(quality.estimate().quality())
        : OptionalDouble.empty();
  }

  /** The translation of an empty (or blank) sentence: empty, with no evidence. */
  static Translation empty(String source, AttentionView view) {
    return new Translation(
        source,
        "",
        List.of(),
        List.of(),
        0,
        0,
        new SparseAttention(view, 1, 1, 0, 0, List.of()),
        List.of(),
        0,
        0,
        false,
        QualityReport.NONE);
  }
}
