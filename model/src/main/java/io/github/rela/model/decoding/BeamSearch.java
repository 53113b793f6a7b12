package io.github.rela.model.decoding;

import ai.djl.ndarray.NDScope;
import io.github.rela.model.tokenizer.SpecialIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Beam search with the GNMT length penalty, G = beam size rows per source.
 *
 * <p>Each step scores the G * V extensions of every source and looks at the best 2G: an EOS among
 * the first G finishes a hypothesis, the best G others form the next beam (so a finished hypothesis
 * is replaced at once and never costs another step). A source is done when it has G finished
 * hypotheses or reaches its maximum length (its beams then end unfinished); it leaves the session,
 * and its best hypothesis by normalised score is the result. At the first step only row 0 of each
 * source is live, since all G rows hold the same BOS: the session then decodes one row per source
 * (a G-th of the first step's work), and the first reorder spreads it to the G rows.
 */
public final class BeamSearch implements SearchStrategy {
  private final DecodingOptions options;
  private final SpecialIds specialIds;
  private final StepView view;
  private final int beam;

  public BeamSearch(DecodingOptions options, SpecialIds specialIds) {
    this.options = options;
    this.specialIds = specialIds;
    this.view = new StepView(specialIds, options.minLength());
    this.beam = options.beamSize();
  }

  @Override
  public int groupSize() {
    return beam;
  }

  @Override
  public List<Hypothesis> search(DecodingSession session, int[] sourceLengths, int[] maxLengths) {
    int sources = sourceLengths.length;
    Hypothesis[] results = new Hypothesis[sources];
    List<List<HypothesisNode>> finished = new ArrayList<>();
    for (int n = 0; n < sources; n++) {
      finished.add(new ArrayList<>());
    }
    int[] active = IntStream.range(0, sources).toArray(); // position -> source
    HypothesisNode[] beams = new HypothesisNode[sources * beam]; // row -> hypothesis
    float[] beamScores = new float[sources * beam]; // [R]
    for (int row = 0; row < beamScores.length; row++) {
      beamScores[row] = row % beam == 0 ? 0f : Float.NEGATIVE_INFINITY;
    }
    long[] tokens = new long[sources]; // the first step: one session row per source
    Arrays.fill(tokens, specialIds.bosId());
    for (int step = 0; active.length > 0; step++) {
      Candidates candidates = topCandidates(session, step, tokens, beamScores);
      List<Integer> kept = new ArrayList<>(active.length);
      List<Long> backPointers = new ArrayList<>(); // rows of the session's current state
      List<HypothesisNode> nextBeams = new ArrayList<>();
      for (int position = 0; position < active.length; position++) {
        int source = active[position];
        List<HypothesisNode> extended =
            advance(candidates, position, beams, sourceLengths[source], finished.get(source));
        boolean done =
            extended.isEmpty()
                || finished.get(source).size() >= beam
                || extended.get(0).length() >= maxLengths[source];
        if (done) {
          results[source] = best(finished.get(source), extended);
          continue;
        }
        kept.add(position);
        for (int g = 0; g < beam; g++) {
          int row =
              candidates.rows[position * candidates.perSource + candidates.chosen[position][g]];
          backPointers.add((long) candidates.sessionRow(row));
          nextBeams.add(extended.get(g));
        }
      }
      if (kept.isEmpty()) {
        break;
      }
      long[] rows = backPointers.stream().mapToLong(Long::longValue).toArray();
      if (kept.size() < active.length) {
        session.selectSources(kept.stream().mapToLong(Integer::longValue).toArray(), rows);
        int[] previous = active;
        active = kept.stream().mapToInt(position -> previous[position]).toArray();
      } else {
        session.reorder(rows);
      }
      beams = nextBeams.toArray(new HypothesisNode[0]);
      beamScores = new float[beams.length];
      tokens = new long[beams.length];
      for (int row = 0; row < beams.length; row++) {
        beamScores[row] = beams[row].logProbability();
        tokens[row] = beams[row].token();
      }
    }
    return List.of(results);
  }

  /**
   * Turns one source's 2G candidates into finished hypotheses and the next beam.
   *
   * @return the G extended hypotheses that stay in the beam, best first
   */
  private List<HypothesisNode> advance(
      Candidates candidates,
      int position,
      HypothesisNode[] beams,
      int sourceLength,
      List<HypothesisNode> finished) {
    List<HypothesisNode> extended = new ArrayList<>(beam);
    int[] chosen = candidates.chosen[position];
    int count = 0;
    for (int k = 0; k < candidates.perSource && count < beam; k++) {
      int index = position * candidates.perSource + k;
      int row = candidates.rows[index];
      int sessionRow = candidates.sessionRow(row);
      HypothesisNode node =
          HypothesisNode.extend(
              beams[row],
              candidates.tokens[index],
              candidates.scores[index],
              candidates.entropies[sessionRow],
              candidates.attention == null
                  ? null
                  : candidates.attention.row(sessionRow, sourceLength));
      if (candidates.tokens[index] == specialIds.eosId()) {
        if (k < beam && candidates.scores[index] > Float.NEGATIVE_INFINITY) {
          finished.add(node);
        }
      } else {
        chosen[count++] = k;
        extended.add(node);
      }
    }
    return extended;
  }

  /**
   * The best hypothesis by normalised score among the finished ones and, at the end, the beam; the
   * next best (at most G - 1) come with it as alternatives.
   */
  private Hypothesis best(List<HypothesisNode> finished, List<HypothesisNode> beam) {
    List<HypothesisNode> all = new ArrayList<>(finished);
    if (finished.size() < this.beam) {
      all.addAll(beam);
    }
    Comparator<HypothesisNode> byScore =
        Comparator.comparingDouble(node -> options.normalise(node.logProbability(), node.length()));
    all.sort(byScore.reversed());
    List<Alternative> alternatives =
        all.subList(1, Math.min(all.size(), this.beam)).stream()
            .map(node -> node.toAlternative(specialIds.eosId(), options))
            .toList();
    return all.get(0).toHypothesis(specialIds.eosId(), options).withAlternatives(alternatives);
  }

  /**
   * Scores every extension of every row and keeps the best 2G per source.
   *
   * <p>A source's best 2G extensions are among its rows' best 2G each (a row's extensions share its
   * score), so the engine ranks within rows and the G * 2G survivors are merged here.
   *
   * @param beamScores cumulative log-probability of each row, [R]
   */
  private Candidates topCandidates(
      DecodingSession session, int step, long[] tokens, float[] beamScores) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      StepScores scores = session.step(tokens);
      StepView.RowCandidates best = view.candidates(scores, step, 2 * beam);
      int sources = beamScores.length / beam;
      int shared = beam / (tokens.length / sources); // beam rows per session row: 1, or G at first
      int perSource = Math.min(2 * beam, beam * best.perRow());
      int[] candidateRows = new int[sources * perSource];
      int[] candidateTokens = new int[sources * perSource];
      float[] totals = new float[sources * perSource];
      for (int source = 0; source < sources; source++) {
        merge(best, shared, beamScores, source, perSource, candidateRows, candidateTokens, totals);
      }
      StepView.AttentionRows attention =
          options.keepAttention() ? StepView.attention(scores.crossAttention()) : null;
      return new Candidates(
          perSource,
          candidateRows,
          candidateTokens,
          totals,
          best.entropies(),
          attention,
          new int[sources][beam],
          shared);
    }
  }

  /**
   * Writes the best {@code perSource} of one source's G rows' candidates, by cumulative score, at
   * {@code source * perSource}; ties keep the row and rank order. When the session holds one row
   * per source ({@code shared} = G), that row's candidates stand for all G beam rows (they hold the
   * same state).
   */
  private void merge(
      StepView.RowCandidates best,
      int shared,
      float[] beamScores,
      int source,
      int perSource,
      int[] rows,
      int[] tokens,
      float[] totals) {
    int perRow = best.perRow();
    Integer[] order = new Integer[beam * perRow]; // g * perRow + rank
    float[] total = new float[beam * perRow];
    for (int i = 0; i < order.length; i++) {
      int row = source * beam + i / perRow;
      order[i] = i;
      total[i] = beamScores[row] + best.logProbability(row / shared, i % perRow);
    }
    Arrays.sort(order, (a, b) -> Float.compare(total[b], total[a])); // stable: ties keep order
    for (int k = 0; k < perSource; k++) {
      int i = order[k];
      int row = source * beam + i / perRow;
      rows[source * perSource + k] = row;
      tokens[source * perSource + k] = best.token(row / shared, i % perRow);
      totals[source * perSource + k] = total[i];
    }
  }

  /**
   * The best 2G extensions of every source, flattened [N, 2G] (fewer than 2G only over a vocabulary
   * that small).
   *
   * @param perSource candidates per source
   * @param rows the row each extends
   * @param tokens the token it appends
   * @param scores its cumulative log-probability
   * @param entropies the next-token entropy of every row, [R]
   * @param attention the step's cross-attention of every row, or null
   * @param chosen per source, which candidates (0 .. 2G-1) formed the next beam, filled by {@link
   *     #advance}
   * @param shared beam rows per session row: G at the first step, 1 after
   */
  private record Candidates(
      int perSource,
      int[] rows,
      int[] tokens,
      float[] scores,
      float[] entropies,
      StepView.AttentionRows attention,
      int[][] chosen,
      int shared) {

    /** The session row that holds beam row {@code row}'s state. */
    int sessionRow(int row) {
      return row / shared;
    }
  }
}
