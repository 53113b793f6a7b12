package io.github.rela.model.decoding;

/**
 * Another hypothesis the beam ended with, kept beside the best one as evidence of how sure search
 * was: near-identical alternatives with close scores mean a confident model.
 *
 * @param tokens generated target ids, EOS excluded
 * @param score its length-normalised score
 */
public record Alternative(int[] tokens, float score) {}
