package io.github.rela.evaluation.report;

/**
 * One evaluated sentence: what the model made of it and how good that was.
 *
 * @param chrf sentence-level chrF2 against the reference
 * @param nullRate share of all-zero cross-attention rows of the final hypothesis
 * @param sparsity share of exactly-zero cross-attention weights
 */
public record SentenceResult(
    int index,
    String source,
    String reference,
    String translation,
    double chrf,
    double nullRate,
    double sparsity,
    double score) {}
