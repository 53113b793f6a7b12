package io.github.rela.model.decoding;

import java.util.List;

/** A session that records how many rows each step decodes. */
final class CountingSession implements DecodingSession {
  private final DecodingSession session;
  private final List<Integer> rowsPerStep;

  CountingSession(DecodingSession session, List<Integer> rowsPerStep) {
    this.session = session;
    this.rowsPerStep = rowsPerStep;
  }

  @Override
  public StepScores step(long[] tokens) {
    rowsPerStep.add(tokens.length);
    return session.step(tokens);
  }

  @Override
  public void reorder(long[] rows) {
    session.reorder(rows);
  }

  @Override
  public void selectSources(long[] sources, long[] rows) {
    session.selectSources(sources, rows);
  }

  @Override
  public void close() {
    session.close();
  }
}
