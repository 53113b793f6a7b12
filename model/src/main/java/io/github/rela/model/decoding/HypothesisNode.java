package io.github.rela.model.decoding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One token of a hypothesis, linked to its prefix: beams that share a prefix share its nodes, so
 * extending or reordering hypotheses copies nothing.
 */
final class HypothesisNode {
  private final HypothesisNode parent;
  private final int token;
  private final float logProbability;
  private final int length;
  private final float entropy;
  private final float[] attention;

  private HypothesisNode(
      HypothesisNode parent,
      int token,
      float logProbability,
      int length,
      float entropy,
      float[] attention) {
    this.parent = parent;
    this.token = token;
    this.logProbability = logProbability;
    this.length = length;
    this.entropy = entropy;
    this.attention = attention;
  }

  /**
   * The hypothesis {@code parent} (null for the empty prefix) extended by {@code token}.
   *
   * @param cumulative log-probability of the whole extended hypothesis
   * @param entropy entropy of the distribution {@code token} was chosen from
   * @param attention the step's cross-attention for this token, or null when not kept
   */
  static HypothesisNode extend(
      HypothesisNode parent, int token, float cumulative, float entropy, float[] attention) {
    int length = parent == null ? 1 : parent.length + 1;
    return new HypothesisNode(parent, token, cumulative, length, entropy, attention);
  }

  float logProbability() {
    return logProbability;
  }

  int length() {
    return length;
  }

  int token() {
    return token;
  }

  /** The finished or truncated hypothesis ending at this node. */
  Hypothesis toHypothesis(int eosId, DecodingOptions options) {
    boolean finished = token == eosId;
    List<Integer> tokens = new ArrayList<>(length);
    List<float[]> attention = new ArrayList<>(length);
    for (HypothesisNode node = finished ? parent : this; node != null; node = node.parent) {
      tokens.add(node.token);
      if (node.attention != null) {
        attention.add(node.attention);
      }
    }
    Collections.reverse(tokens);
    Collections.reverse(attention);
    return new Hypothesis(
        tokens.stream().mapToInt(Integer::intValue).toArray(),
        logProbability,
        options.normalise(logProbability, length),
        finished,
        attention,
        tokenLogProbabilities(),
        List.of(),
        tokenEntropies());
  }

  /** The hypothesis ending at this node as an alternative: tokens (EOS excluded) and score. */
  Alternative toAlternative(int eosId, DecodingOptions options) {
    boolean finished = token == eosId;
    int[] tokens = new int[finished ? length - 1 : length];
    int position = tokens.length - 1;
    for (HypothesisNode node = finished ? parent : this; node != null; node = node.parent) {
      tokens[position--] = node.token;
    }
    return new Alternative(tokens, options.normalise(logProbability, length));
  }

  /**
   * Each node's own log-probability, first token first: the difference of cumulative sums along
   * this node's chain of parents (which is the beam's back-pointer history).
   */
  private float[] tokenLogProbabilities() {
    float[] own = new float[length];
    for (HypothesisNode node = this; node != null; node = node.parent) {
      float before = node.parent == null ? 0f : node.parent.logProbability;
      own[node.length - 1] = node.logProbability - before;
    }
    return own;
  }

  /** Each node's next-token entropy, first token first. */
  private float[] tokenEntropies() {
    float[] entropies = new float[length];
    for (HypothesisNode node = this; node != null; node = node.parent) {
      entropies[node.length - 1] = node.entropy;
    }
    return entropies;
  }
}
