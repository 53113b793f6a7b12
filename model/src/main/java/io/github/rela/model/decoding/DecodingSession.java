package io.github.rela.model.decoding;

/**
 * The decoder as search sees it: one step for every hypothesis row, then reordering of rows and
 * removal of finished sources. Rows are grouped by source, {@code groupSize} rows per source.
 *
 * <p>Shapes: N sources still decoding, G rows per source, R = N * G, V vocabulary, L decoder
 * layers, H heads, S padded source length.
 *
 * <p>A session owns the arrays of its state: each call releases what the previous state held and no
 * longer needs, so that a search may run every step in its own {@link ai.djl.ndarray.NDScope}.
 */
public interface DecodingSession extends AutoCloseable {

  /**
   * Feeds the last token of every row.
   *
   * <p>The first step may feed one row per source instead of G (all G start from BOS); the first
   * {@link #reorder} or {@link #selectSources} then spreads each to G rows.
   *
   * @param tokens [R] token ids (BOS at the first step)
   * @return next-token logits [R, V] and cross-attention [R, L, H, S] of this step
   */
  StepScores step(long[] tokens);

  /** Row r takes the state of row {@code rows[r]} (beam back-pointers); R is unchanged. */
  void reorder(long[] rows);

  /**
   * Keeps only the sources {@code sources} (indices into the current ones) and, in one gather, the
   * rows {@code rows}: row r of the new state takes the state of current row {@code rows[r]}, a row
   * of a kept source (beam search drops finished sources and follows back-pointers at once).
   */
  void selectSources(long[] sources, long[] rows);

  /** Releases the state's arrays. */
  @Override
  void close();
}
