package io.github.rela.evaluation.corpus;

/**
 * One aligned pair of a parallel corpus.
 *
 * @param line the 1-based line number in both files
 * @param source the source sentence
 * @param target its translation
 */
public record SentencePair(long line, String source, String target) {}
