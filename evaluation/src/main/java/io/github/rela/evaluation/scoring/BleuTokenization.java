package io.github.rela.evaluation.scoring;

import java.util.function.UnaryOperator;

/** The tokenizers BLEU can apply before counting n-grams. */
public enum BleuTokenization {
  /** mteval-v13a tokenization, sacreBLEU's default. */
  THIRTEEN_A("13a", Tokenizer13a::tokenize),
  /** No tokenization: the text is split on whitespace as it is. */
  NONE("none", UnaryOperator.identity());

  private final String signatureName;
  private final UnaryOperator<String> tokenizer;

  BleuTokenization(String signatureName, UnaryOperator<String> tokenizer) {
    this.signatureName = signatureName;
    this.tokenizer = tokenizer;
  }

  /** Tokenizes one segment; tokens come back separated by whitespace. */
  public String apply(String segment) {
    return tokenizer.apply(segment);
  }

  /** The name sacreBLEU prints in signatures ({@code tok:13a}). */
  public String signatureName() {
    return signatureName;
  }
}
