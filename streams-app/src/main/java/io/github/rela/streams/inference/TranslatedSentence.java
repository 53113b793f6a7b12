package io.github.rela.streams.inference;

import io.github.rela.model.quality.QualityEstimate;
import io.github.rela.schemas.avro.AlignmentEntry;
import java.util.List;

/**
 * What the topology needs of one translation: the text, the tokens, the sparse alignment and the
 * attention figures the low-confidence rules look at.
 *
 * @param score length-normalised log-probability of the hypothesis
 * @param nullRate share of all-zero cross-attention rows, over all layers, heads and target tokens
 * @param sparsity share of exactly-zero cross-attention weights among the unmasked ones
 * @param quality the calibrated quality estimate; null when the checkpoint has no quality.json
 */
public record TranslatedSentence(
    String translation,
    List<String> sourceTokens,
    List<String> targetTokens,
    List<AlignmentEntry> alignment,
    double score,
    double nullRate,
    double sparsity,
    QualityEstimate quality) {

  public TranslatedSentence {
    sourceTokens = List.copyOf(sourceTokens);
    targetTokens = List.copyOf(targetTokens);
    alignment = List.copyOf(alignment);
  }
}
