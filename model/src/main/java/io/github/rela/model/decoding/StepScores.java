package io.github.rela.model.decoding;

import ai.djl.ndarray.NDArray;
import io.github.rela.model.transformer.TargetVocabulary;

/**
 * What one decoding step gives search.
 *
 * @param logits next-token scores, [R, V] (or [R, K] over a shortlist)
 * @param crossAttention cross-attention weights of every decoder layer, [R, L, H, S]
 * @param vocabulary the piece each column of {@code logits} scores
 */
public record StepScores(NDArray logits, NDArray crossAttention, TargetVocabulary vocabulary) {}
