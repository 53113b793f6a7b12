package io.github.rela.model.decoding;

import java.util.List;

/**
 * The best hypothesis of one source.
 *
 * @param tokens generated target ids, EOS excluded
 * @param logProbability sum of the token log-probabilities (EOS included when generated)
 * @param score {@code logProbability} normalised by the length penalty, used to rank hypotheses
 * @param finished true when the hypothesis ended with EOS, false when it hit the maximum length
 * @param attention for each token of {@code tokens}, the cross-attention of the step that produced
 *     it, layer-major then head then source position: [L * H * S_n] with S_n this source's unpadded
 *     length; empty when attention was not kept
 * @param tokenLogProbabilities the log-probability of each generated token, EOS last when {@code
 *     finished} (so one longer than {@code tokens} then); read off the hypothesis' own chain of
 *     nodes, so beam reordering is already followed
 */
public record Hypothesis(
    int[] tokens,
    float logProbability,
    float score,
    boolean finished,
    List<float[]> attention,
    float[] tokenLogProbabilities) {}
