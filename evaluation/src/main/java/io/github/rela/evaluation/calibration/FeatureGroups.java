package io.github.rela.evaluation.calibration;

import java.util.List;

/** The families of quality features by name prefix, for the ablation table. */
public enum FeatureGroups {
  LOG_PROBABILITY("log-probabilities", "lp_"),
  LENGTH("length", "length_ratio", "source_length", "unfinished"),
  ATTENTION("ReLA attention", "null_", "uncovered_", "attn_"),
  OUTPUT("output", "repeat_rate", "copy_rate", "word_start_share", "digit_mismatch"),
  SEARCH("n-best", "nbest_"),
  SOURCE("source side", "src_"),
  LEXICAL("lexical table", "lex_");

  private final String label;
  private final List<String> prefixes;

  FeatureGroups(String label, String... prefixes) {
    this.label = label;
    this.prefixes = List.of(prefixes);
  }

  public String label() {
    return label;
  }

  /** The features of {@code all} in this group, in their order. */
  public List<String> select(List<String> all) {
    return all.stream().filter(name -> prefixes.stream().anyMatch(name::startsWith)).toList();
  }
}
