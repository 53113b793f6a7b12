package io.github.rela.model.decoding;

import ai.djl.ndarray.NDScope;
import io.github.rela.model.tokenizer.SpecialIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Greedy search: each row takes its most probable next token. A source is done when it generates
 * EOS or reaches its maximum length, and leaves the session at once.
 */
public final class GreedySearch implements SearchStrategy {
  private final DecodingOptions options;
  private final SpecialIds specialIds;
  private final StepView view;

  public GreedySearch(DecodingOptions options, SpecialIds specialIds) {
    this.options = options;
    this.specialIds = specialIds;
    this.view = new StepView(specialIds, options.minLength());
  }

  @Override
  public int groupSize() {
    return 1;
  }

  @Override
  public List<Hypothesis> search(DecodingSession session, int[] sourceLengths, int[] maxLengths) {
    int sources = sourceLengths.length;
    Hypothesis[] results = new Hypothesis[sources];
    HypothesisNode[] nodes = new HypothesisNode[sources];
    int[] active = IntStream.range(0, sources).toArray(); // row -> source
    long[] tokens = new long[sources];
    Arrays.fill(tokens, specialIds.bosId());
    for (int step = 0; active.length > 0; step++) {
      extend(session, step, active, nodes, tokens, sourceLengths);
      List<Integer> keptRows = new ArrayList<>(active.length);
      for (int row = 0; row < active.length; row++) {
        int source = active[row];
        HypothesisNode node = nodes[source];
        if (node.token() == specialIds.eosId() || node.length() >= maxLengths[source]) {
          results[source] = node.toHypothesis(specialIds.eosId(), options);
        } else {
          keptRows.add(row);
        }
      }
      if (keptRows.size() < active.length) {
        long[] kept = keptRows.stream().mapToLong(Integer::longValue).toArray();
        if (kept.length > 0) {
          session.selectSources(kept, kept); // one row per source
        }
        int[] previous = active;
        active = keptRows.stream().mapToInt(row -> previous[row]).toArray();
      }
      tokens = Arrays.stream(active).mapToLong(source -> nodes[source].token()).toArray();
    }
    return List.of(results);
  }

  /** One step: every active row's hypothesis grows by its argmax token. */
  private void extend(
      DecodingSession session,
      int step,
      int[] active,
      HypothesisNode[] nodes,
      long[] tokens,
      int[] sourceLengths) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      StepScores scores = session.step(tokens);
      StepView.RowCandidates best = view.candidates(scores, step, 1); // each row's argmax
      StepView.AttentionRows attention =
          options.keepAttention() ? StepView.attention(scores.crossAttention()) : null;
      for (int row = 0; row < active.length; row++) {
        int source = active[row];
        HypothesisNode parent = nodes[source];
        float cumulative =
            (parent == null ? 0f : parent.logProbability()) + best.logProbability(row, 0);
        float[] rowAttention = attention == null ? null : attention.row(row, sourceLengths[source]);
        nodes[source] =
            HypothesisNode.extend(
                parent, best.token(row, 0), cumulative, best.entropies()[row], rowAttention);
      }
    }
  }
}
