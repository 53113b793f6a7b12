package io.github.rela.model.translate;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What evaluation reads of a translation, whether the model made it here ({@link Translation}) or
 * it was read back from a results topic: so that scoring needs no model objects.
 */
public interface Scorable {

  String source();

  /** The detokenized translation. */
  String translation();

  /** The generated pieces, EOS excluded. */
  List<String> targetTokens();

  /** The length-normalised log-probability. */
  double score();

  /** Share of all-zero cross-attention rows. */
  double nullRate();

  /** Share of zero cross-attention weights. */
  double sparsity();

  /** A quality estimate, where its producer made one. */
  default OptionalDouble qualityEstimate() {
    return OptionalDouble.empty();
  }
}
