package io.github.rela.model.decoding;

import io.github.rela.model.tokenizer.SpecialIds;
import java.util.List;

/**
 * A search over the target sequences of a batch of sources, on a {@link DecodingSession}.
 *
 * <p>Sources that are done leave the session ({@link DecodingSession#selectSources}), so no compute
 * is spent on them while the others go on.
 */
public interface SearchStrategy {

  /**
   * Decodes every source of {@code session}.
   *
   * @param session a fresh session over N sources, {@link #groupSize()} rows per source
   * @param sourceLengths unpadded length of each source (tokens, EOS included), [N]
   * @param maxLengths most tokens to generate for each source, EOS included, [N]
   * @return the best hypothesis of each source, in source order
   */
  List<Hypothesis> search(DecodingSession session, int[] sourceLengths, int[] maxLengths);

  /** Rows per source the session must be opened with. */
  int groupSize();

  /** Greedy search for beam size 1, beam search otherwise. */
  static SearchStrategy of(DecodingOptions options, SpecialIds specialIds) {
    return options.beamSize() == 1
        ? new GreedySearch(options, specialIds)
        : new BeamSearch(options, specialIds);
  }
}
