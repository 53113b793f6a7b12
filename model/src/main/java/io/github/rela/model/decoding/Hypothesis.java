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
 * @param alternatives the other hypotheses beam search ended with, best first (at most G - 1);
 *     empty for greedy search
 * @param tokenEntropies the entropy of the next-token distribution each of {@code
 *     tokenLogProbabilities} was chosen from, in nats, same length and order
 */
public record Hypothesis(
    int[] tokens,
    float logProbability,
    float score,
    boolean finished,
    List<float[]> attention,
    float[] tokenLogProbabilities,
    List<Alternative> alternatives,
    float[] tokenEntropies) {

  /** This hypothesis with {@code alternatives}. */
  Hypothesis withAlternatives(List<Alternative> alternatives) {
    return new Hypothesis(
        tokens,
        logProbability,
        score,
        finished,
        attention,
        tokenLogProbabilities,
        alternatives,
        tokenEntropies);
  }
}
